"""Python-Markdown's inline step, skipped for text no inline pattern can match.

Python-Markdown tries each inline pattern (emphasis, links, code, entities...) on every piece of
text, one after another, through a chain of calls that costs far more than the search itself. A
table of 10,000 cases holds 70,000 cells, most of them plain words ("Klien 17", "Asesmen",
"17 Feb 2025"); at that size the patterns' bookkeeping is a fifth of the page's conversion.

``QuickInline`` searches the text with every pattern's own compiled expression first: when none
of them matches anywhere, Python-Markdown would return the text unchanged, so it is returned at
once; otherwise Python-Markdown's own processing runs, as before. The HTML is the same byte for
byte (``tests/test_quick_inline.py``). The step is a Python-Markdown extension
(``generator.quick_inline``) listed in the generated engine configuration, like the sanitiser.
"""

from __future__ import annotations

from markdown import Extension, Markdown
from markdown.treeprocessors import InlineProcessor

QUICK_INLINE = "generator.quick_inline"  # its name in markdown_extensions
_HANDLE_INLINE = "_InlineProcessor__handleInline"  # Python-Markdown's (private) inline step
_INLINE_PRIORITY = 20  # where Python-Markdown registers its inline processor


class QuickInlineProcessor(InlineProcessor):
    """Python-Markdown's inline processor, which leaves text no pattern matches as it is."""

    def run(self, tree, ancestors=None):
        """Process the tree as Python-Markdown does, with this run's patterns' expressions."""
        self.expressions = [pattern.getCompiledRegExp() for pattern in self.inlinePatterns]
        return super().run(tree, ancestors)

    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:
        """Python-Markdown's step for one text, unless none of its patterns matches in it."""
        for expression in self.expressions[patternIndex:]:  # a loop: this runs per table cell
            if expression.search(data):
                return getattr(InlineProcessor, _HANDLE_INLINE)(self, data, patternIndex)
        return data  # what every pattern, finding nothing, would leave


class QuickInlineExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        """Stand in for the inline processor, if this Python-Markdown has the step it speeds up."""
        if "inline" not in md.treeprocessors:
            return
        inline = md.treeprocessors["inline"]
        if type(inline) is InlineProcessor and hasattr(InlineProcessor, _HANDLE_INLINE):
            md.treeprocessors.register(QuickInlineProcessor(md), "inline", _INLINE_PRIORITY)


def makeExtension(**kwargs) -> QuickInlineExtension:
    return QuickInlineExtension(**kwargs)
