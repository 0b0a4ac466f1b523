"""ctcoach: a terminal coach for building a cardiothoracic surgery network."""

__version__ = "0.1.0"
