from __future__ import annotations

import pytest

from tests.scoring.cases import labelled_cases, write_cases
from tests.scoring.standin import StandInTextModels


@pytest.fixture(scope="session")
def text_models():
    return StandInTextModels()


@pytest.fixture(scope="session")
def sample_dir(tmp_path_factory):
    return write_cases(tmp_path_factory.mktemp("sample_cases"), labelled_cases())


@pytest.fixture(scope="session")
def combiner(sample_dir, text_models):
    from triage.scoring.combine import train_combiner

    return train_combiner(sample_dir, text_models, C=1.0)
