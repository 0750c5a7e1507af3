"""The whole road over HTTPS, from the core: schemas, datasets, services, training, lookups,
an interval service's cycle, then every delete."""

from __future__ import annotations

from tests_support_demo import DEMO_FIELDS, demo_bytes

from aitems_desktop.core.api import AitemsApi, build
from aitems_desktop.core.engine import Engine
from aitems_desktop.core.models import (
    CreateDatasetRequest,
    CreateSchemaRequest,
    CreateServiceRequest,
    ScheduleRequest,
    SetDatasetsRequest,
    SetIntervalRequest,
    TrainRequest,
)
from aitems_desktop.core.usecases import (
    create_dataset,
    create_schema,
    create_service,
    request_training,
    set_schedule,
)
from aitems_desktop.sandbox import SandboxServer

EVERY_TYPE = ("personalRecommend", "relatedItem", "pop")


def test_the_whole_pipeline_over_https() -> None:
    with SandboxServer(tls=True) as sandbox:
        sandbox.create_bucket("pipeline")
        engine = Engine(
            sandbox.base_url,
            sandbox.access_key,
            sandbox.secret_key,
            ca_bundle=str(sandbox.ca_bundle_path),
        )
        assert engine.base_url.startswith("https://")
        with AitemsApi(engine) as api:
            datasets: dict[str, str] = {}
            for kind, file_name in (
                ("user", "users.csv"),
                ("item", "items.csv"),
                ("interaction", "interactions.csv"),
            ):
                schema = create_schema(
                    api,
                    build(
                        CreateSchemaRequest,
                        datasetType=kind,
                        name=f"p_{kind}",
                        fields=DEMO_FIELDS[kind],
                    ),
                ).resource
                sandbox.put_object("pipeline", f"data/{file_name}", demo_bytes(file_name))
                made = create_dataset(
                    api,
                    build(
                        CreateDatasetRequest,
                        type=kind,
                        name=f"p_{kind}_ds",
                        description="",
                        schemaName=schema.name,
                        osInfo={"region": "KR", "bucket": "pipeline", "key": f"data/{file_name}"},
                    ),
                ).resource
                datasets[kind] = made.dataset_id
            sandbox.advance(60)
            assert {api.datasets.get(i).status for i in datasets.values()} == {"enable"}
            ids = SetDatasetsRequest(
                dataset_ids=(datasets["user"], datasets["item"], datasets["interaction"])
            )

            batch = create_service(api, CreateServiceRequest(name="p_batch")).resource
            assert api.services.set_datasets(batch.service_id, ids).status == "learnable"
            request_training(
                api, batch.service_id, TrainRequest.model_validate({"types": list(EVERY_TYPE)})
            )
            sandbox.advance(600)
            trainings = api.services.trainings(batch.service_id).trains
            assert sorted(t.type or "" for t in trainings) == sorted(EVERY_TYPE)
            for training in trainings:
                assert training.version is not None
                one = api.services.training(batch.service_id, training.type or "", training.version)
                assert one.status == "completed"
            for train_type, target in (
                ("personalRecommend", "u0001"),
                ("relatedItem", "i001"),
                ("pop", "-"),
            ):
                result = api.services.lookup(
                    batch.service_id, train_type=train_type, target_id=target
                )
                assert result.values, train_type

            interval = create_service(
                api, CreateServiceRequest.model_validate({"name": "p_hourly", "type": "interval"})
            ).resource
            api.services.set_datasets(interval.service_id, ids)
            api.services.set_interval(interval.service_id, build(SetIntervalRequest, term="hour1"))
            schedule = build(ScheduleRequest, trainTypes=["relatedItem"])
            set_schedule(api, interval.service_id, "start", schedule)
            sandbox.advance(3 * 3600)
            (training, *_) = api.services.trainings(interval.service_id).trains
            assert training.version is not None
            updates = api.services.updates(
                interval.service_id, train_type="relatedItem", train_version=training.version
            )
            assert updates.updates
            set_schedule(api, interval.service_id, "stop", schedule)
            assert api.services.get(interval.service_id).status == "learnable"

            for service_id in (batch.service_id, interval.service_id):
                api.services.delete(service_id)
            for dataset_id in datasets.values():
                api.datasets.delete(dataset_id)
            for kind in datasets:
                api.schemas.delete(f"p_{kind}")
            assert api.services.list().services == []
            assert api.datasets.list().datasets == []
            assert api.schemas.list().schemas == []
