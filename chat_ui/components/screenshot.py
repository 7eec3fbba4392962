"""A page screenshot: resolved only when its card is seen, enlarged on click."""

from __future__ import annotations

import reflex as rx
from reflex_base.event import no_args_event_spec
from reflex_components_core.el.elements.media import Img

from chat_ui.components.client import when_visible
from chat_ui.state.screenshots import ScreenshotState
from chat_ui.views import BlockView
from chat_ui.components.url import backend_url
from chat_ui.i18n.var import tr, tr_msg


class ImgWithError(Img):
    """An ``<img>`` that reports a failed load, so an expired URL is resolved again."""

    on_error: rx.EventHandler[no_args_event_spec]


def _once_resolved(error: rx.Var[str], url: rx.Var[str], shown: rx.Component) -> rx.Component:
    """``shown`` once the screenshot's URL is known; until then a placeholder, or why it failed."""
    return rx.cond(
        error != "",
        rx.callout(tr_msg(error), icon="triangle-alert", color_scheme="red", size="1", role="alert"),
        rx.cond(
            url != "",
            shown,
            rx.box(rx.spinner(size="2"), rx.text(tr("screenshot.loading"), size="1", color_scheme="gray"),
                   class_name="screenshot-placeholder", aria_busy="true"),
        ),
    )


def screenshot_card(block: BlockView) -> rx.Component:
    return _screenshot_card(image_key=block.image_key, source=block.image_source, name=block.image_name, label=block.image_label)


@rx.memo
def _screenshot_card(image_key: rx.Var[str], source: rx.Var[str], name: rx.Var[str], label: rx.Var[str]) -> rx.Component:
    """A component of its own: it follows ScreenshotState itself, so the turn around it is never
    rendered again when an image resolves. (Not ``key``: React keeps that prop to itself.)"""
    key = image_key
    label = tr_msg(label)  # "q3.pdf · page 3" (a kept message) in the reader's language
    url = ScreenshotState.urls.get(key, "")
    error = ScreenshotState.errors.get(key, "")
    image = ImgWithError.create(
        src=backend_url(url),
        alt=label,
        loading="lazy",
        decoding="async",
        class_name="screenshot-img",
        on_error=ScreenshotState.image_failed(source, name),
    )
    return rx.el.details(
        rx.el.summary(
            rx.icon("file-image", size=15),
            rx.text(tr("screenshot.title"), size="2", weight="medium", class_name="card-title"),
            rx.text(label, size="2", color_scheme="gray", class_name="truncate"),
            rx.icon("chevron-down", size=14, class_name="chevron"),
            class_name="card-summary",
        ),
        when_visible(
            _once_resolved(
                error, url,
                rx.dialog.root(
                    rx.dialog.trigger(
                        rx.el.button(image, class_name="screenshot-button", aria_label=tr("screenshot.enlarge")),
                    ),
                    rx.dialog.content(
                        rx.dialog.title(label, size="3"),
                        rx.image(src=backend_url(url), alt=label, class_name="screenshot-full"),
                        rx.dialog.close(rx.button(tr("common.close"), variant="soft", aria_label=tr("screenshot.close"))),
                        max_width="min(96vw, 1000px)",
                    ),
                ),
            ),
            on_visible=ScreenshotState.resolve(source, name, False),
            reset_key=key,
        ),
        class_name="card screenshot-card",
        data_testid="screenshot-card",
    )


@rx.memo
def page_image(image_key: rx.Var[str], source: rx.Var[str], name: rx.Var[str], label: rx.Var[str]) -> rx.Component:
    """A page screenshot shown whole (the citation dialog); resolving it is the opener's job. A
    component of its own that follows ScreenshotState, like the card above."""
    url = ScreenshotState.urls.get(image_key, "")
    error = ScreenshotState.errors.get(image_key, "")
    return _once_resolved(
        error, url,
        ImgWithError.create(
            src=backend_url(url), alt=label, decoding="async", class_name="page-image",
            on_error=ScreenshotState.image_failed(source, name), data_testid="page-image",
        ),
    )
