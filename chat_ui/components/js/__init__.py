"""Link the local React modules in this folder into the app build.

``rx.asset(path, shared=True)`` links a file that sits beside the *calling*
module into ``assets/external/<module path>/``; it does not create
subdirectories of ``path``, so the calls live here, next to the ``.jsx`` files.
It links relative to the current working directory, which must be the app root.
In Reflex 0.10 it returns a versioned URL (``...jsx?v=<hash>``); a component's
``library`` needs its ``importable_path`` (``$/public/external/...``) instead.
"""

import reflex as rx

LIVE_TEXT = rx.asset("live_text.jsx", shared=True).importable_path
COMPOSER = rx.asset("composer.jsx", shared=True).importable_path
FOLLOW_SCROLL = rx.asset("follow_scroll.jsx", shared=True).importable_path
WHEN_VISIBLE = rx.asset("when_visible.jsx", shared=True).importable_path
TEXT_WIRE = rx.asset("text_wire.js", shared=True).importable_path
KEEP = rx.asset("keep.jsx", shared=True).importable_path
CITATION = rx.asset("citation.jsx", shared=True).importable_path
SHORTCUTS = rx.asset("shortcuts.jsx", shared=True).importable_path
RAW_JSON = rx.asset("raw_json.jsx", shared=True).importable_path
EXPORT_MENU = rx.asset("export_menu.jsx", shared=True).importable_path
# Imported by the modules above (``./merged_ref.js``, ``./citations.js``, ``./code_block.jsx``, and
# ``./markdown.jsx`` and ``./export_menu_content.jsx``, which ``live_text.jsx`` and
# ``export_menu.jsx`` load on first use), so they must sit beside them in
# the build.
rx.asset("merged_ref.js", shared=True)
rx.asset("citations.js", shared=True)
rx.asset("code_block.jsx", shared=True)
rx.asset("markdown.jsx", shared=True)
rx.asset("export_menu_content.jsx", shared=True)
I18N = rx.asset("i18n.js", shared=True).importable_path
