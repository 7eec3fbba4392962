"""The citation dialog: the passage a chip in an answer opened, with its page screenshot.

One dialog for the page, outside the turns: the chips (``js/citation.jsx``, rendered inside the
answer's markdown) only call :meth:`CitationState.show`, so nothing in a turn reads this state.
"""

from __future__ import annotations

import reflex as rx
from reflex_base.utils.imports import ImportVar
from reflex_base.vars.base import Var, VarData
from reflex_base.vars.function import FunctionVar

from chat_ui.components.js import CITATION
from chat_ui.components.screenshot import page_image
from chat_ui.state.citations import CitationState
from chat_ui.i18n.var import tr, tr_msg

# Focus goes back to the chip that opened the dialog (it has no trigger of its own).
RETURN_FOCUS = Var(
    _js_expr="returnCitationFocus", _var_data=VarData(imports={CITATION: ImportVar(tag="returnCitationFocus")})
).to(FunctionVar)


def citation_dialog() -> rx.Component:
    passage = CitationState.passage
    label = rx.cond(passage.page != "", passage.file + " · page " + passage.page, passage.file)
    meta = rx.flex(
        rx.cond(passage.page != "", rx.text(tr("citation.page", page=passage.page), size="2")),
        rx.cond(passage.score != "", rx.text(tr("citation.score", score=passage.score), size="2", class_name="tabular")),
        spacing="3", class_name="citation-meta",
    )
    return rx.dialog.root(
        rx.dialog.content(
            rx.flex(
                rx.badge(passage.number, variant="solid", size="2", class_name="citation-dialog-number"),
                # A chip for a passage its card leaves out knows no file until the passage is read.
                rx.dialog.title(rx.cond(passage.file != "", passage.file, tr("citation.source", number=passage.number)),
                                size="4", class_name="truncate", margin="0"),
                rx.spacer(),
                rx.dialog.close(rx.icon_button(rx.icon("x", size=16), variant="ghost", color_scheme="gray",
                                               aria_label=tr("citation.close"))),
                spacing="3", align="center",
            ),
            rx.dialog.description(meta, as_child=True),
            rx.box(
                rx.cond(
                    CitationState.text != "",
                    rx.fragment(
                        rx.text(CitationState.text, size="2", class_name="citation-text"),
                        rx.cond(CitationState.text_cut != "",
                                rx.text(tr_msg(CitationState.text_cut), size="1", color_scheme="gray", class_name="text-cut",
                                        data_testid="text-cut")),
                    ),
                    rx.flex(
                        rx.cond(
                            (passage.snippet == "") & ~CitationState.loading,
                            rx.text(tr("citation.gone"), size="2", color_scheme="gray"),
                            rx.text(passage.snippet, size="2", class_name="citation-text"),
                        ),
                        rx.cond(CitationState.loading, rx.spinner(size="1")),
                        direction="column", spacing="2",
                    ),
                ),
                class_name="citation-passage",
                data_testid="citation-passage",
                # it scrolls (max-height): focusable, so the keyboard scrolls it too
                tab_index=0, role="region", aria_label=tr("citation.passage"),
            ),
            rx.cond(
                passage.image_name != "",
                page_image(image_key=passage.image_source + "/" + passage.image_name, source=passage.image_source,
                           name=passage.image_name, label=label),
            ),
            on_close_auto_focus=RETURN_FOCUS,
            class_name="citation-dialog",
            data_testid="citation-dialog",
            max_width="min(96vw, 760px)",
        ),
        open=CitationState.open,
        on_open_change=CitationState.set_open,
    )
