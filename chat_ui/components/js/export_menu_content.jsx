// The export button's menu (see ./export_menu.jsx, which loads this module on first use).
import React from "react";
import { DropdownMenu } from "@radix-ui/themes";
import FileTextIcon from "lucide-react/dist/esm/icons/file-text.mjs";
import BracesIcon from "lucide-react/dist/esm/icons/braces.mjs";
import { ExportButton } from "./export_menu.jsx";

export function ExportMenuContent({ small, label, markdownLabel, markdownAria, jsonLabel, jsonAria, onMarkdown, onJson,
  initiallyOpen }) {
  return (
    <DropdownMenu.Root defaultOpen={Boolean(initiallyOpen)}>
      <DropdownMenu.Trigger>
        <ExportButton small={small} label={label} />
      </DropdownMenu.Trigger>
      <DropdownMenu.Content align="end">
        <DropdownMenu.Item onSelect={() => onMarkdown && onMarkdown()} aria-label={markdownAria}>
          <FileTextIcon size={14} />
          {markdownLabel}
        </DropdownMenu.Item>
        <DropdownMenu.Item onSelect={() => onJson && onJson()} aria-label={jsonAria}>
          <BracesIcon size={14} />
          {jsonLabel}
        </DropdownMenu.Item>
      </DropdownMenu.Content>
    </DropdownMenu.Root>
  );
}

export default ExportMenuContent;
