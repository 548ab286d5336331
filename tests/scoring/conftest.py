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
