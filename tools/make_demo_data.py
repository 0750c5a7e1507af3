"""Write the sandbox's demo data: resources/demo/{users,items,interactions}.csv.

A small video-on-demand shop: 200 users, 150 titles in six genres (some of them series), and a
few thousand views, purchases and likes. Users mostly stay within one or two favourite genres
(younger viewers lean to animation and action, older ones to drama and documentaries), popular
titles are watched more, and series are watched in order, so popular, related and personal
recommendations computed from these rows look like what a person would expect.

Deterministic: the same script writes the same bytes (a fixed seed, no clock). Run it with
``uv run python tools/make_demo_data.py`` after changing it, and commit the CSV files.
"""

from __future__ import annotations

import argparse
import csv
import random
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = 20240601
USERS = 200
GENRES = ("drama", "comedy", "action", "documentary", "animation", "thriller")
TITLES_PER_GENRE = 25
#: 2024-01-01T00:00:00Z and 2024-06-30T00:00:00Z in milliseconds.
START_MS = 1_704_067_200_000
END_MS = 1_719_705_600_000
DAY_MS = 86_400_000

WORDS = {
    "drama": ("Quiet", "Harbor", "Letters", "Winter", "Daughter", "River", "Promise", "Distant"),
    "comedy": ("Lucky", "Neighbours", "Wedding", "Chaos", "Uncle", "Holiday", "Oops", "Karaoke"),
    "action": ("Steel", "Pursuit", "Zero", "Strike", "Hunter", "Blaze", "Vault", "Edge"),
    "documentary": ("Oceans", "Makers", "Kimchi", "Seoul", "Glaciers", "Bees", "Coffee", "Trains"),
    "animation": ("Little", "Robot", "Dragon", "Moon", "Cat", "Cloud", "Tiny", "Star"),
    "thriller": ("Silent", "Witness", "Midnight", "Cipher", "Mirror", "Alibi", "Fog", "Signal"),
}
SERIES = {"drama": "Harbor Lights", "action": "Zero Hour", "animation": "Robot Friends"}


def make_items(rng: random.Random) -> list[dict[str, object]]:
    items: list[dict[str, object]] = []
    number = 1
    for genre in GENRES:
        words = WORDS[genre]
        used: set[str] = set()
        for i in range(TITLES_PER_GENRE):
            if genre in SERIES and i < 3:
                name = f"{SERIES[genre]} {i + 1}"
            else:
                while True:
                    name = f"{rng.choice(words)} {rng.choice(words)}"
                    first, second = name.split()
                    if first != second and name not in used:
                        break
                if rng.random() < 0.3:
                    name = f"The {name}"
            used.add(name)
            created = START_MS - rng.randrange(30, 2000) * DAY_MS
            items.append(
                {
                    "ITEM_ID": f"i{number:03d}",
                    "ITEM_NAME": name,
                    "CATEGORY": genre,
                    "PRICE": rng.randrange(12, 56) * 100,
                    "CREATION_TIMESTAMP": created,
                }
            )
            number += 1
    return items


def make_users(rng: random.Random) -> list[dict[str, object]]:
    return [
        {"USER_ID": f"u{n:04d}", "AGE": rng.randrange(16, 71), "GENDER": rng.choice("FM")}
        for n in range(1, USERS + 1)
    ]


def favourite_genres(rng: random.Random, age: int) -> list[str]:
    weights = {
        "drama": 1.0 + age / 30,
        "comedy": 1.5,
        "action": 2.5 - age / 40,
        "documentary": 0.5 + age / 25,
        "animation": 3.0 - age / 20,
        "thriller": 1.2,
    }
    genres = list(weights)
    first = rng.choices(genres, [max(0.1, weights[g]) for g in genres])[0]
    rest = [g for g in genres if g != first]
    second = rng.choices(rest, [max(0.1, weights[g]) for g in rest])[0]
    return [first, second] if rng.random() < 0.7 else [first]


def make_interactions(
    rng: random.Random, users: list[dict[str, object]], items: list[dict[str, object]]
) -> list[dict[str, object]]:
    by_genre: dict[str, list[dict[str, object]]] = {g: [] for g in GENRES}
    for item in items:
        by_genre[str(item["CATEGORY"])].append(item)
    # A Zipf-like popularity inside each genre: the first titles are the hits.
    popularity = {
        g: [1.0 / (rank + 1) ** 0.8 for rank in range(len(titles))]
        for g, titles in by_genre.items()
    }
    rows: list[dict[str, object]] = []
    for user in users:
        favourites = favourite_genres(rng, int(str(user["AGE"])))
        count = rng.randrange(8, 36)
        moment = START_MS + rng.randrange(0, 60) * DAY_MS
        seen: list[str] = []
        while len(seen) < count:
            genre = rng.choice(favourites) if rng.random() < 0.85 else rng.choice(GENRES)
            item = rng.choices(by_genre[genre], popularity[genre])[0]
            picks = [item]
            name = str(item["ITEM_NAME"])
            if genre in SERIES and name.startswith(SERIES[genre]):
                # A series is watched in order, from the first part to the one picked.
                part = int(name.rsplit(" ", 1)[1])
                picks = by_genre[genre][:part]
            for pick in picks:
                item_id = str(pick["ITEM_ID"])
                if item_id in seen:
                    continue
                seen.append(item_id)
                moment = min(END_MS - 1, moment + rng.randrange(1, 4 * DAY_MS // 1000) * 1000)
                event = rng.choices(["view", "purchase", "like"], [0.7, 0.2, 0.1])[0]
                rows.append(
                    {
                        "USER_ID": user["USER_ID"],
                        "ITEM_ID": item_id,
                        "TIMESTAMP": moment,
                        "EVENT_TYPE": event,
                    }
                )
    rows.sort(key=lambda r: (int(str(r["TIMESTAMP"])), str(r["USER_ID"])))
    return rows


def write(path: Path, rows: list[dict[str, object]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "resources" / "demo")
    args = parser.parse_args()
    rng = random.Random(SEED)
    users = make_users(rng)
    items = make_items(rng)
    interactions = make_interactions(rng, users, items)
    args.out.mkdir(parents=True, exist_ok=True)
    write(args.out / "users.csv", users)
    write(args.out / "items.csv", items)
    write(args.out / "interactions.csv", interactions)
    print(f"{len(users)} users, {len(items)} items, {len(interactions)} interactions -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
