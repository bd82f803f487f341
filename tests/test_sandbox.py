"""Prose values and templates run in Jinja's sandbox with limits: a hostile value ends in a
diagnostic at its line, fast (a generous alarm turns a stall into a failure; no timing asserted)."""
from pathlib import Path

import pytest
from test_property import time_limit

from proposalgen.diagnostics import Diagnostics, Location
from proposalgen.render.filling import fill_prose_values

VALUES = {"counts": {"organizers": 8}}


def filled(value: str) -> tuple[str, list[str]]:
    """The prose ``A.\\n\\nB <value> C.`` filled in, and the diagnostics it gave."""
    diagnostics = Diagnostics()
    with time_limit(10):
        text, _ = fill_prose_values(f"A.\n\nB {value} C.\n", Location(Path("/p.md"), 1, 1), VALUES, diagnostics)
    return text, [d.format() for d in diagnostics.items]


@pytest.mark.parametrize("value, message", [
    ("{{ 7 ** 100000000 }}", "7 ** 100000000 is a number of more than 3,000 digits"),
    ("{{ 10 ** (10 ** 10) }}", "10 ** 10000000000 is a number of more than 3,000 digits"),
    ("{{ (2 ** 9000) * (2 ** 9000) }}", "186191982360244687...2386456974315749376 * 186191982360244687...2386456974315749376 is a number of more than 3,000 digits"),
    ("{% set n = namespace(x=2 ** 9960) %}{% for i in range(20) %}{% set n.x = n.x + n.x %}{% endfor %}{{ n.x }}",
     "290319893520901443...5469955364268015616 + 290319893520901443...5469955364268015616 is a number of more than 3,000 digits"),
    ("{{ range(10**9) | list }}", "a range of more than 100,000 numbers"),
    ("{% for i in range(10**8) %}x{% endfor %}", "a range of more than 100,000 numbers"),
    ("{{ 'x' * 10**9 }}", "'x' * 1000000000 is longer than 2,000,000 characters"),
    ("{{ [0] * 10**9 }}", "[0] * 1000000000 is longer than 2,000,000 characters"),
    ("{{ 'x' | center(10**9) }}", "an argument of 1000000000 is larger than any text a value may make (2,000,000 characters)"),
    ("{{ 'x'.ljust(10**9) }}", "an argument of 1000000000 is larger than any text a value may make (2,000,000 characters)"),
    ("{{ '%999999999d' % 1 }}", "a format field of width '999999999': widths are numbers written in the format, at most 2,000,000"),
    ("{{ '%*d' | format(10**8, 1) }}", "a format field of width '*': widths are numbers written in the format, at most 2,000,000"),
    ("{{ '{:>{}}'.format(1, 10**8) }}", "a format field of width '>{}': widths are numbers written in the format, at most 2,000,000"),
    ("{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}", "more than 1,000,000 loop steps"),
    ("{% set n = namespace(s='x') %}{% for i in range(40) %}{% set n.s = n.s ~ n.s %}{% endfor %}",
     "joining with ~ makes more than 2,000,000 characters or items"),
    ("{% set n = namespace(s='x') %}{% for i in range(40) %}{% set n.s = [n.s, n.s] | join %}{% endfor %}",
     "'join' makes more than 2,000,000 characters or items"),
    ("{% set n = namespace(s='x') %}{% for i in range(40) %}{% set n.s = n.s.replace('x', 'xx') %}{% endfor %}",
     "replace() makes more than 2,000,000 characters or items"),
    ("{{ 1/0 }}", "1 / 0: division by zero"),
    ("{{ 'a' + 1 }}", "'a' + 1: can only concatenate str (not \"int\") to str"),
    ("{{ 'abc'.index('z') }}", "index(): substring not found"),
    ("{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}", "it calls itself too deeply"),
    ("{{ cycler.__init__.__globals__.os.system('id') }}", "access to attribute '__init__' of 'type' object is unsafe."),
])
def test_a_pathological_value_is_a_diagnostic_at_its_line(value, message):
    assert filled(value) == (f"A.\n\nB {value} C.\n", [f"/p.md:3:1: error: cannot fill in the value: {message} [value]"])


@pytest.mark.parametrize("statement", ["{% include 'x' %}", "{% import 'x' as m %}", "{% from 'x' import m %}", "{% extends 'x' %}"])
def test_prose_includes_no_template(statement):
    assert filled(statement)[1] == ["/p.md:3:1: error: prose cannot include, import or extend a template ('x') [value]"]


def test_output_expanded_by_values_counts_against_the_size_limit():
    assert filled("{% for i in range(100000) %}{{ 'x' * 100 }}{% endfor %}")[1] == [
        "/p.md:3:1: error: cannot fill in the value: the output is longer than 2,000,000 characters [value]"]


@pytest.mark.parametrize("value, text", [
    ("{{ 10 ** 10 ** 10 }}", "1" + "0" * 100),  # Jinja's ** groups from the left: (10 ** 10) ** 10
    ("{{ 'ab' * 3 }}", "ababab"),
    ("{% for i in range(3) %}{{ loop.index }}/{{ loop.length }}{{ '.' if loop.last }}{% endfor %}", "1/32/33/3."),
    ("{{ range(3) | list | join(',') }}", "0,1,2"),
    ("{{ '%05d' % counts.organizers }}", "00008"),
    ("{{ '{:>3}'.format(counts.organizers) }}", "  8"),
])
def test_values_within_the_limits_are_filled_in(value, text):
    assert filled(value) == (f"A.\n\nB {text} C.\n", [])
