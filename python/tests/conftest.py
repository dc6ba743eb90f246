"""Shared fixtures.  The tests import the package from this source tree
(python/), unless PRECIS_TEST_INSTALLED=1 (then the installed one), and load
the library PRECIS_LIBRARY names (tests/python.sh sets it to the build tree's
libprecis.so.N).  PRECIS_BIN, when set, is the precis tool of the same build:
the tests compare the package's output with the tool's."""

import os
import subprocess
import sys

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
PYDIR = os.path.dirname(HERE)
SRC = os.path.dirname(PYDIR)
if not os.environ.get("PRECIS_TEST_INSTALLED"):
    sys.path.insert(0, PYDIR)

EXAMPLE = os.path.join(SRC, "examples", "harbour-bridge.txt")


@pytest.fixture(scope="session")
def article() -> str:
    with open(EXAMPLE, encoding="utf-8") as f:
        return f.read()


@pytest.fixture(scope="session")
def precis_bin():
    b = os.environ.get("PRECIS_BIN")
    if not b or not os.access(b, os.X_OK):
        pytest.skip("PRECIS_BIN (the precis tool) not given: no comparison with the tool")
    return b


def run_tool(precis_bin, *args, input=None):
    r = subprocess.run([precis_bin, *args], input=input, capture_output=True)
    return r


# Articles of our own, different enough that a mix-up of results shows.
ARTICLES = [
    "Mayor Ann Price said on Monday that the old bridge would reopen in May.\n\n"
    "\"We are nearly there,\" said Price, adding that repairs had cost $4 million.\n",
    "The city council voted to close three libraries, a decision that will save $1.2 million a year.\n\n"
    "Councillor Tom Reyes said the cuts were painful but necessary. \"We had no choice,\" he told reporters.\n",
    "Unemployment fell to 4.1 percent in March, the statistics office said on Friday.\n\n"
    "Economist Maria Lopez of Harbor Bank said the figure showed a labour market that was still strong.\n",
    "Firefighters rescued 12 people from a burning apartment block in Riverside early on Sunday.\n\n"
    "\"The smoke was everywhere,\" said resident Joan Kim, 67. Fire chief Paul Oduya said nobody was badly hurt.\n",
    "The ferry company will raise fares by 8 percent from July, its chief executive Lena Berg said.\n\n"
    "Passengers' groups said the rise was unfair. \"It hits the people who have no other way to work,\" said Sam Hart.\n",
]
