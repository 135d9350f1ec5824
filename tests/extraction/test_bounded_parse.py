"""An uploaded text near the size cap is laid out in work that grows with its length.

A long wrapped paragraph with many blank lines after it, or a paragraph taken up again
after a blank line thousands of times, once took the parser time growing with the square
of the paragraph (half a minute for one upload, against the worker's 20 s limit): the
editor got a time-out instead of a draft. Timing the parse would be flaky on a busy
machine, so these tests count the work instead, deterministically: the characters
written into blocks' text and the lines read while looking ahead. Both grew with the
square of the length before; now each stays within a small multiple of the text.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from extraction import textlayout
from extraction.document import Block, BlockKind
from extraction.limits import MAX_TEXT_CHARACTERS
from extraction.textlayout import parse_text


@dataclass
class _CountingBlock(Block):
    """A block that counts the characters ever written into the text of blocks."""

    written = 0

    def __setattr__(self, name: str, value: object) -> None:
        if name == "text":
            _CountingBlock.written += len(value)  # type: ignore[arg-type]
        super().__setattr__(name, value)


class _CountingLines(list):
    """The parser's lines, counting every line read from them."""

    read = 0

    def __getitem__(self, index):
        found = super().__getitem__(index)
        _CountingLines.read += len(found) if isinstance(index, slice) else 1
        return found

    def __iter__(self):
        for line in super().__iter__():
            _CountingLines.read += 1
            yield line


_PARSER_INIT = textlayout._LineParser.__init__


def _long_paragraph_then_blank_lines(lines: int) -> str:
    return "Start of paragraph\n" + "\n".join(["and it runs on here"] * lines) + "\n" * 9 * lines


def _paragraph_resumed_after_blank_lines(lines: int) -> str:
    return "Start of paragraph and\n\n" + "\n\n".join(["then and"] * lines)


def _written_and_read(text: str, monkeypatch: pytest.MonkeyPatch) -> tuple[list[Block], int, int]:
    """The blocks of ``text``, the characters written into their text and the lines read."""
    monkeypatch.setattr(textlayout, "Block", _CountingBlock)
    monkeypatch.setattr(_CountingBlock, "written", 0)
    monkeypatch.setattr(_CountingLines, "read", 0)

    def counting_init(self, *args, **kwargs) -> None:
        _PARSER_INIT(self, *args, **kwargs)
        self.lines = _CountingLines(self.lines)

    monkeypatch.setattr(textlayout._LineParser, "__init__", counting_init)
    blocks = parse_text(text)
    return blocks, _CountingBlock.written, _CountingLines.read


@pytest.mark.parametrize(
    "make_text", [_long_paragraph_then_blank_lines, _paragraph_resumed_after_blank_lines]
)
def test_a_text_near_the_size_cap_is_laid_out_in_work_in_proportion_to_it(
    make_text, monkeypatch: pytest.MonkeyPatch
) -> None:
    lines = 20_000
    text = make_text(lines)
    assert MAX_TEXT_CHARACTERS / 3 < len(text) <= MAX_TEXT_CHARACTERS

    blocks, written, read = _written_and_read(text, monkeypatch)

    # The paragraph is still one paragraph, every line of it kept.
    assert [block.kind for block in blocks] == [BlockKind.PARAGRAPH]
    assert blocks[0].text.count("\n") == lines
    # Before: about 4,000 times the text's length written, and 200 million lines read.
    assert written <= 3 * len(text)
    assert read <= 3 * text.count("\n")


@pytest.mark.parametrize(
    "make_text", [_long_paragraph_then_blank_lines, _paragraph_resumed_after_blank_lines]
)
def test_twice_the_text_takes_twice_the_work(make_text, monkeypatch: pytest.MonkeyPatch) -> None:
    _, written, read = _written_and_read(make_text(2_000), monkeypatch)
    _, written_twice, read_twice = _written_and_read(make_text(4_000), monkeypatch)

    # Work in proportion to the length doubles; work growing with its square quadruples.
    assert written_twice <= 2.1 * written
    assert read_twice <= 2.1 * read
