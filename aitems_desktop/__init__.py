"""aitems-desktop: a desktop tool for NAVER Cloud Platform AiTEMS."""

__version__ = "0.1.0"
