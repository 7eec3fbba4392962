// ExportMenu: the export button of a chat (the chat header, a history row) and its menu, Markdown
// or JSON. The menu (Radix's DropdownMenu) is its own module, ./export_menu_content.jsx, loaded
// when a button first mounts: the empty chat, where everyone lands, shows none. Until it is
// there the same button shows; a click on it meanwhile opens the menu once it has loaded.
import React, { Suspense, lazy, useEffect, useState } from "react";
import { IconButton } from "@radix-ui/themes";
import DownloadIcon from "lucide-react/dist/esm/icons/download.mjs";

let loading = null;
const load = () => {
  if (!loading) {
    loading = import("./export_menu_content.jsx");
    loading.catch(() => { loading = null; });
  }
  return loading;
};
const Content = lazy(() => load().then((mod) => ({ default: mod.ExportMenuContent })));

// As rx.icon_button draws it (6px of padding, the icon at 12 or 24 px), as the other header buttons.
const PADDED = { padding: "6px" };

export function ExportButton({ small, label, ...rest }) {
  return (
    <IconButton size={small ? "1" : "2"} variant="ghost" color="gray" aria-label={label} className="export-button"
      style={PADDED} {...rest}>
      <DownloadIcon size={small ? 12 : 24} />
    </IconButton>
  );
}

export function ExportMenu(props) {
  const [wanted, setWanted] = useState(false); // clicked before the menu had loaded
  useEffect(() => { load(); }, []);
  const placeholder = <ExportButton small={props.small} label={props.label} onClick={() => setWanted(true)} />;
  return (
    <Suspense fallback={placeholder}>
      <Content {...props} initiallyOpen={wanted} />
    </Suspense>
  );
}

export default ExportMenu;
