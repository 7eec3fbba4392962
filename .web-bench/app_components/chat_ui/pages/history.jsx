
import {ReflexEvent,applyEventActions,isNotNullOrUndefined,isTrue,mergeSlotProps,pyAnd,pyOr,pyStrip} from "$/utils/state"
import {AlertDialog as RadixThemesAlertDialog,Badge as RadixThemesBadge,Button as RadixThemesButton,Flex as RadixThemesFlex,IconButton as RadixThemesIconButton,Link as RadixThemesLink,Table as RadixThemesTable,Text as RadixThemesText,TextField as RadixThemesTextField,Tooltip as RadixThemesTooltip} from "@radix-ui/themes"
import {ColorModeContext,addEvents} from "$/utils/context"
import {Fragment,memo,useCallback,useContext,useEffect} from "react"
import {Link as ReactRouterLink} from "react-router"
import LucideSquarePen from "lucide-react/dist/esm/icons/square-pen.mjs"
import LucideTrash2 from "lucide-react/dist/esm/icons/trash-2.mjs"
import LucideCircleX from "lucide-react/dist/esm/icons/circle-x.mjs"
import {jsx} from "@emotion/react"
import DebounceInput from "react-debounce-input"
import {useStateContext} from "$/utils/context-registry"
import {WhenVisible} from "$/public/external/chat_ui/components/js/when_visible.jsx"
import {Drawer as VaulDrawer} from "vaul"








export const Link_link_8bf552f1b0c9d80ea866113c8c756b49_aa668376 = /*#__PURE__*/ (() => {
const Link_link_8bf552f1b0c9d80ea866113c8c756b49_aa668376 = memo(({children, ...rest}) => {
    const on_click_285971f76605edb797f87d21b2e111ea = useCallback(((_e) => (addEvents([(ReflexEvent("reflex___state____state.chat_ui___state___sessions____sessions_state.set_drawer", ({ ["value"] : false }), ({  })))], [_e], ({  })))), [addEvents, ReflexEvent])
    return(
        jsx(RadixThemesLink,{...mergeSlotProps(rest, ({ asChild:true, css:({ ["width"] : "100%", ["&:hover"] : ({ ["color"] : "var(--accent-8)" }) }), onClick:on_click_285971f76605edb797f87d21b2e111ea }))},jsx(ReactRouterLink,{to:"/chat"},jsx(RadixThemesButton,{"aria-label":"New chat",css:({ ["width"] : "100%" }),variant:"soft"},jsx(LucideSquarePen,{size:16},),"New chat")))
    )
});
Link_link_8bf552f1b0c9d80ea866113c8c756b49_aa668376.displayName = "Link";
return Link_link_8bf552f1b0c9d80ea866113c8c756b49_aa668376;
})();

export const Debounceinput_debounceinput_da285cb2a64b4fe89a3fe27fee10315c_aa668376 = /*#__PURE__*/ (() => {
const Debounceinput_debounceinput_da285cb2a64b4fe89a3fe27fee10315c_aa668376 = memo(({children, ...rest}) => {
    const on_change_6b4bc41a0d8934d9fcc1f4241029c1b7 = useCallback(((_e) => (addEvents([(ReflexEvent("reflex___state____state.chat_ui___state___sessions____sessions_state.set_filter", ({ ["value"] : _e?.["target"]?.["value"] }), ({ ["debounce"] : 150 })))], [_e], ({  })))), [addEvents, ReflexEvent])
const reflex___state____state__chat_ui___state___sessions____sessions_state = useStateContext("reflex___state____state.chat_ui___state___sessions____sessions_state")
    return(
        jsx(DebounceInput,{...mergeSlotProps(rest, ({ "aria-label":"Filter chats", debounceTimeout:300, element:RadixThemesTextField.Root, onChange:on_change_6b4bc41a0d8934d9fcc1f4241029c1b7, placeholder:"Filter chats", size:"2", value:(isNotNullOrUndefined(reflex___state____state__chat_ui___state___sessions____sessions_state.filter_text_rx_state_) ? reflex___state____state__chat_ui___state___sessions____sessions_state.filter_text_rx_state_ : "") }), "inputRef")},children)
    )
});
Debounceinput_debounceinput_da285cb2a64b4fe89a3fe27fee10315c_aa668376.displayName = "DebounceInput";
return Debounceinput_debounceinput_da285cb2a64b4fe89a3fe27fee10315c_aa668376;
})();

export const Bare_comp_7f6b650a3ab932500e7f8d9b2b21a6e3_aa668376 = /*#__PURE__*/ (() => {
const Bare_comp_7f6b650a3ab932500e7f8d9b2b21a6e3_aa668376 = memo(({children}) => {
    const reflex___state____state__chat_ui___state___sessions____sessions_state = useStateContext("reflex___state____state.chat_ui___state___sessions____sessions_state")
    return(
        reflex___state____state__chat_ui___state___sessions____sessions_state.error_rx_state_
    )
});
Bare_comp_7f6b650a3ab932500e7f8d9b2b21a6e3_aa668376.displayName = "Bare";
return Bare_comp_7f6b650a3ab932500e7f8d9b2b21a6e3_aa668376;
})();

export const Cond_comp_989d1dace0bf1bf2e4e27c8a0ceeaddc_aa668376 = /*#__PURE__*/ (() => {
const Cond_comp_989d1dace0bf1bf2e4e27c8a0ceeaddc_aa668376 = memo(({children}) => {
    const reflex___state____state__chat_ui___state___sessions____sessions_state = useStateContext("reflex___state____state.chat_ui___state___sessions____sessions_state")
    return(
        (!((reflex___state____state__chat_ui___state___sessions____sessions_state.error_rx_state_?.valueOf?.() === ""?.valueOf?.()))?(children?.at?.(0)):(children?.at?.(1)))
    )
});
Cond_comp_989d1dace0bf1bf2e4e27c8a0ceeaddc_aa668376.displayName = "Cond";
return Cond_comp_989d1dace0bf1bf2e4e27c8a0ceeaddc_aa668376;
})();

export const Foreach_comp_8332baa57e10c7e036f0d73a024c7476_aa668376 = /*#__PURE__*/ (() => {
const Foreach_comp_8332baa57e10c7e036f0d73a024c7476_aa668376 = memo(({children}) => {
    const reflex___state____state__chat_ui___state___sessions____sessions_state = useStateContext("reflex___state____state.chat_ui___state___sessions____sessions_state")
const reflex___state____state__chat_ui___state___chat____chat_state = useStateContext("reflex___state____state.chat_ui___state___chat____chat_state")
    return(
        Array.prototype.map.call(reflex___state____state__chat_ui___state___sessions____sessions_state.sessions_rx_state_ ?? [],((s_rx_state_,index_c9fd20dc2635baa1de3a3135d5f888d0)=>(jsx(Fragment,{key:index_c9fd20dc2635baa1de3a3135d5f888d0},(pyOr(pyOr((pyStrip(reflex___state____state__chat_ui___state___sessions____sessions_state.filter_text_rx_state_, null).toLowerCase()?.valueOf?.() === ""?.valueOf?.()), () => (s_rx_state_?.["title"].toLowerCase().includes(pyStrip(reflex___state____state__chat_ui___state___sessions____sessions_state.filter_text_rx_state_, null).toLowerCase()))), () => (s_rx_state_?.["index_ids"].toLowerCase().includes(pyStrip(reflex___state____state__chat_ui___state___sessions____sessions_state.filter_text_rx_state_, null).toLowerCase())))?(jsx(Fragment,{},jsx(RadixThemesFlex,{align:"center",className:"session-item","data-current":(reflex___state____state__chat_ui___state___chat____chat_state.current_id_rx_state_?.valueOf?.() === s_rx_state_?.["session_id"]?.valueOf?.())},jsx(RadixThemesLink,{"aria-current":((reflex___state____state__chat_ui___state___chat____chat_state.current_id_rx_state_?.valueOf?.() === s_rx_state_?.["session_id"]?.valueOf?.()) ? "page" : "false"),asChild:true,className:"session-link",css:({ ["&:hover"] : ({ ["color"] : "var(--accent-8)" }) }),onClick:((_e) => (addEvents([(ReflexEvent("reflex___state____state.chat_ui___state___sessions____sessions_state.set_drawer", ({ ["value"] : false }), ({  })))], [_e], ({  })))),underline:"none"},jsx(ReactRouterLink,{to:("/chat/"+s_rx_state_?.["session_id"])},jsx(RadixThemesFlex,{css:({ ["minWidth"] : "0" }),direction:"column"},jsx(RadixThemesText,{as:"p",className:"truncate",size:"2",weight:((reflex___state____state__chat_ui___state___chat____chat_state.current_id_rx_state_?.valueOf?.() === s_rx_state_?.["session_id"]?.valueOf?.()) ? "medium" : "regular")},s_rx_state_?.["title"]),jsx(RadixThemesText,{as:"p",color:"gray",size:"1"},s_rx_state_?.["updated"])))),jsx(Fragment,{},(reflex___state____state__chat_ui___state___chat____chat_state.capabilities_rx_state_?.["delete"]?(jsx(Fragment,{},jsx(RadixThemesIconButton,{"aria-label":("Delete chat "+s_rx_state_?.["title"]),className:"session-delete",color:"gray",css:({ ["padding"] : "6px" }),onClick:((_e) => (addEvents([(ReflexEvent("reflex___state____state.chat_ui___state___sessions____sessions_state.ask_delete", ({ ["session_id"] : s_rx_state_?.["session_id"], ["title"] : s_rx_state_?.["title"] }), ({  })))], [_e], ({  })))),size:"1",variant:"ghost"},jsx(LucideTrash2,{size:12},)))):(jsx(Fragment,{},))))))):(jsx(Fragment,{},)))))))
    )
});
Foreach_comp_8332baa57e10c7e036f0d73a024c7476_aa668376.displayName = "Foreach";
return Foreach_comp_8332baa57e10c7e036f0d73a024c7476_aa668376;
})();

export const Cond_comp_6f5a2b4c8c05bc512508a72082e70c53_aa668376 = /*#__PURE__*/ (() => {
const Cond_comp_6f5a2b4c8c05bc512508a72082e70c53_aa668376 = memo(({children}) => {
    const reflex___state____state__chat_ui___state___sessions____sessions_state = useStateContext("reflex___state____state.chat_ui___state___sessions____sessions_state")
    return(
        (pyAnd(reflex___state____state__chat_ui___state___sessions____sessions_state.loaded_rx_state_, () => ((reflex___state____state__chat_ui___state___sessions____sessions_state.sessions_rx_state_.length?.valueOf?.() === 0?.valueOf?.())))?(children?.at?.(0)):(children?.at?.(1)))
    )
});
Cond_comp_6f5a2b4c8c05bc512508a72082e70c53_aa668376.displayName = "Cond";
return Cond_comp_6f5a2b4c8c05bc512508a72082e70c53_aa668376;
})();

export const Whenvisible_whenvisible_a80fcefa5881d0c992c1b1f78c96d5cc_aa668376 = /*#__PURE__*/ (() => {
const Whenvisible_whenvisible_a80fcefa5881d0c992c1b1f78c96d5cc_aa668376 = memo(({children, ...rest}) => {
    const on_visible_899e24f71069d4db277920bde842641e = useCallback(((...args) => (addEvents([(ReflexEvent("reflex___state____state.chat_ui___state___sessions____sessions_state.load_more", ({  }), ({  })))], args, ({  })))), [addEvents, ReflexEvent])
const reflex___state____state__chat_ui___state___sessions____sessions_state = useStateContext("reflex___state____state.chat_ui___state___sessions____sessions_state")
    return(
        jsx(WhenVisible,{...mergeSlotProps(rest, ({ onVisible:on_visible_899e24f71069d4db277920bde842641e, resetKey:reflex___state____state__chat_ui___state___sessions____sessions_state.sessions_rx_state_.length }))},children)
    )
});
Whenvisible_whenvisible_a80fcefa5881d0c992c1b1f78c96d5cc_aa668376.displayName = "WhenVisible";
return Whenvisible_whenvisible_a80fcefa5881d0c992c1b1f78c96d5cc_aa668376;
})();

export const Cond_comp_808a16376f812843407f7afa0efb04b3_aa668376 = /*#__PURE__*/ (() => {
const Cond_comp_808a16376f812843407f7afa0efb04b3_aa668376 = memo(({children}) => {
    const reflex___state____state__chat_ui___state___sessions____sessions_state = useStateContext("reflex___state____state.chat_ui___state___sessions____sessions_state")
    return(
        (reflex___state____state__chat_ui___state___sessions____sessions_state.has_more_rx_state_?(children?.at?.(0)):(children?.at?.(1)))
    )
});
Cond_comp_808a16376f812843407f7afa0efb04b3_aa668376.displayName = "Cond";
return Cond_comp_808a16376f812843407f7afa0efb04b3_aa668376;
})();

export const Drawerroot_drawer__root_22fc76e067966a1f329081e0b03c2150_aa668376 = /*#__PURE__*/ (() => {
const Drawerroot_drawer__root_22fc76e067966a1f329081e0b03c2150_aa668376 = memo(({children, ...rest}) => {
    const on_open_change_bb5a744efa5abfd58e65c3ede122c77a = useCallback(((_ev_0) => (addEvents([(ReflexEvent("reflex___state____state.chat_ui___state___sessions____sessions_state.set_drawer", ({ ["value"] : _ev_0 }), ({  })))], [_ev_0], ({  })))), [addEvents, ReflexEvent])
const reflex___state____state__chat_ui___state___sessions____sessions_state = useStateContext("reflex___state____state.chat_ui___state___sessions____sessions_state")
    return(
        jsx(VaulDrawer.Root,{...mergeSlotProps(rest, ({ direction:"left", onOpenChange:on_open_change_bb5a744efa5abfd58e65c3ede122c77a, open:reflex___state____state__chat_ui___state___sessions____sessions_state.drawer_open_rx_state_ }))},children)
    )
});
Drawerroot_drawer__root_22fc76e067966a1f329081e0b03c2150_aa668376.displayName = "DrawerRoot";
return Drawerroot_drawer__root_22fc76e067966a1f329081e0b03c2150_aa668376;
})();

export const Cond_comp_ca57bf910541d8ab66114abd37794349_aa668376 = /*#__PURE__*/ (() => {
const Cond_comp_ca57bf910541d8ab66114abd37794349_aa668376 = memo(({children}) => {
    const { resolvedColorMode } = useContext(ColorModeContext)
    return(
        ((resolvedColorMode?.valueOf?.() === "light"?.valueOf?.())?(children?.at?.(0)):(children?.at?.(1)))
    )
});
Cond_comp_ca57bf910541d8ab66114abd37794349_aa668376.displayName = "Cond";
return Cond_comp_ca57bf910541d8ab66114abd37794349_aa668376;
})();

export const Iconbutton_iconbutton_510466d2dd283845ae514020452c22b9_aa668376 = /*#__PURE__*/ (() => {
const Iconbutton_iconbutton_510466d2dd283845ae514020452c22b9_aa668376 = memo(({children, ...rest}) => {
    const { toggleColorMode } = useContext(ColorModeContext)
const on_click_dedd885ce47a15c1666b026c014cf563 = useCallback(((_e) => (toggleColorMode(_e))), [addEvents, ReflexEvent, toggleColorMode])
    return(
        jsx(RadixThemesIconButton,{...mergeSlotProps(rest, ({ "aria-label":"Toggle dark mode", color:"gray", css:({ ["padding"] : "6px", ["background"] : "transparent", ["color"] : "inherit", ["zIndex"] : "20", ["&:hover"] : ({ ["cursor"] : "pointer" }) }), onClick:on_click_dedd885ce47a15c1666b026c014cf563, variant:"ghost" }))},children)
    )
});
Iconbutton_iconbutton_510466d2dd283845ae514020452c22b9_aa668376.displayName = "IconButton";
return Iconbutton_iconbutton_510466d2dd283845ae514020452c22b9_aa668376;
})();

export const Debounceinput_debounceinput_5fdcfafe70884d3115058b36a9a43ab8_aa668376 = /*#__PURE__*/ (() => {
const Debounceinput_debounceinput_5fdcfafe70884d3115058b36a9a43ab8_aa668376 = memo(({children, ...rest}) => {
    const on_change_6b4bc41a0d8934d9fcc1f4241029c1b7 = useCallback(((_e) => (addEvents([(ReflexEvent("reflex___state____state.chat_ui___state___sessions____sessions_state.set_filter", ({ ["value"] : _e?.["target"]?.["value"] }), ({ ["debounce"] : 150 })))], [_e], ({  })))), [addEvents, ReflexEvent])
const reflex___state____state__chat_ui___state___sessions____sessions_state = useStateContext("reflex___state____state.chat_ui___state___sessions____sessions_state")
    return(
        jsx(DebounceInput,{...mergeSlotProps(rest, ({ "aria-label":"Filter sessions", css:({ ["maxWidth"] : "320px", ["width"] : "100%" }), debounceTimeout:300, element:RadixThemesTextField.Root, onChange:on_change_6b4bc41a0d8934d9fcc1f4241029c1b7, placeholder:"Filter sessions", value:(isNotNullOrUndefined(reflex___state____state__chat_ui___state___sessions____sessions_state.filter_text_rx_state_) ? reflex___state____state__chat_ui___state___sessions____sessions_state.filter_text_rx_state_ : "") }), "inputRef")},children)
    )
});
Debounceinput_debounceinput_5fdcfafe70884d3115058b36a9a43ab8_aa668376.displayName = "DebounceInput";
return Debounceinput_debounceinput_5fdcfafe70884d3115058b36a9a43ab8_aa668376;
})();

export const Button_button_45fa5b000e625f6f325cd37022396888_aa668376 = /*#__PURE__*/ (() => {
const Button_button_45fa5b000e625f6f325cd37022396888_aa668376 = memo(({children, ...rest}) => {
    const on_click_9fbbd3ad7e86914f811d0e06861f85e3 = useCallback(((_e) => (addEvents([(ReflexEvent("reflex___state____state.chat_ui___state___sessions____sessions_state.refresh", ({  }), ({  })))], [_e], ({  })))), [addEvents, ReflexEvent])
    return(
        jsx(RadixThemesButton,{...mergeSlotProps(rest, ({ "aria-label":"Refresh", color:"gray", onClick:on_click_9fbbd3ad7e86914f811d0e06861f85e3, variant:"soft" }))},children)
    )
});
Button_button_45fa5b000e625f6f325cd37022396888_aa668376.displayName = "Button";
return Button_button_45fa5b000e625f6f325cd37022396888_aa668376;
})();

export const Bare_comp_340cfaa56d94aefc0a3e270372310283_aa668376 = /*#__PURE__*/ (() => {
const Bare_comp_340cfaa56d94aefc0a3e270372310283_aa668376 = memo(({children}) => {
    const reflex___state____state__chat_ui___state___chat____chat_state = useStateContext("reflex___state____state.chat_ui___state___chat____chat_state")
    return(
        reflex___state____state__chat_ui___state___chat____chat_state.capabilities_rx_state_?.["delete_unavailable_reason"]
    )
});
Bare_comp_340cfaa56d94aefc0a3e270372310283_aa668376.displayName = "Bare";
return Bare_comp_340cfaa56d94aefc0a3e270372310283_aa668376;
})();

export const Cond_comp_276c78d1fb458a595f886bbcba415a8a_aa668376 = /*#__PURE__*/ (() => {
const Cond_comp_276c78d1fb458a595f886bbcba415a8a_aa668376 = memo(({children}) => {
    const reflex___state____state__chat_ui___state___chat____chat_state = useStateContext("reflex___state____state.chat_ui___state___chat____chat_state")
    return(
        (reflex___state____state__chat_ui___state___chat____chat_state.capabilities_rx_state_?.["delete"]?(children?.at?.(0)):(children?.at?.(1)))
    )
});
Cond_comp_276c78d1fb458a595f886bbcba415a8a_aa668376.displayName = "Cond";
return Cond_comp_276c78d1fb458a595f886bbcba415a8a_aa668376;
})();

export const Foreach_comp_122aa386dd224e4e7e71f90060958dd2_aa668376 = /*#__PURE__*/ (() => {
const Foreach_comp_122aa386dd224e4e7e71f90060958dd2_aa668376 = memo(({children}) => {
    const reflex___state____state__chat_ui___state___sessions____sessions_state = useStateContext("reflex___state____state.chat_ui___state___sessions____sessions_state")
const reflex___state____state__chat_ui___state___chat____chat_state = useStateContext("reflex___state____state.chat_ui___state___chat____chat_state")
    return(
        Array.prototype.map.call(reflex___state____state__chat_ui___state___sessions____sessions_state.sessions_rx_state_ ?? [],((s_rx_state_,index_c9fd20dc2635baa1de3a3135d5f888d0)=>(jsx(Fragment,{key:index_c9fd20dc2635baa1de3a3135d5f888d0},(pyOr(pyOr((pyStrip(reflex___state____state__chat_ui___state___sessions____sessions_state.filter_text_rx_state_, null).toLowerCase()?.valueOf?.() === ""?.valueOf?.()), () => (s_rx_state_?.["title"].toLowerCase().includes(pyStrip(reflex___state____state__chat_ui___state___sessions____sessions_state.filter_text_rx_state_, null).toLowerCase()))), () => (s_rx_state_?.["index_ids"].toLowerCase().includes(pyStrip(reflex___state____state__chat_ui___state___sessions____sessions_state.filter_text_rx_state_, null).toLowerCase())))?(jsx(Fragment,{},jsx(RadixThemesTable.Row,{className:"history-row","data-testid":"history-row"},jsx(RadixThemesTable.Cell,{},jsx(RadixThemesLink,{asChild:true,css:({ ["&:hover"] : ({ ["color"] : "var(--accent-8)" }) }),weight:"medium"},jsx(ReactRouterLink,{to:("/chat/"+s_rx_state_?.["session_id"])},s_rx_state_?.["title"]))),jsx(RadixThemesTable.Cell,{},jsx(RadixThemesTooltip,{content:s_rx_state_?.["updated_iso"]},jsx(RadixThemesText,{as:"p"},s_rx_state_?.["updated"]))),jsx(RadixThemesTable.Cell,{},jsx(RadixThemesFlex,{gap:"1",wrap:"wrap"},Array.prototype.map.call(s_rx_state_?.["index_ids"].split(", ") ?? [],((index_id_rx_state_,index_c25cb9fedab8bc3683d1f3268048e332)=>(jsx(RadixThemesText,{as:"p",className:"mono history-index",key:index_c25cb9fedab8bc3683d1f3268048e332,size:"1"},index_id_rx_state_)))))),jsx(RadixThemesTable.Cell,{justify:"end"},jsx(RadixThemesText,{as:"p",className:"tabular"},s_rx_state_?.["input_tokens"])),jsx(RadixThemesTable.Cell,{justify:"end"},jsx(RadixThemesText,{as:"p",className:"tabular"},s_rx_state_?.["output_tokens"])),jsx(RadixThemesTable.Cell,{justify:"end"},jsx(RadixThemesText,{as:"p",className:"tabular"},s_rx_state_?.["turns"])),jsx(RadixThemesTable.Cell,{justify:"end"},jsx(RadixThemesText,{as:"p",className:"tabular"},s_rx_state_?.["duration"])),jsx(RadixThemesTable.Cell,{},jsx(Fragment,{},(s_rx_state_?.["is_error"]?(jsx(Fragment,{},jsx(RadixThemesTooltip,{content:s_rx_state_?.["error"]},jsx(RadixThemesBadge,{color:"red",variant:"soft"},jsx(LucideCircleX,{size:12},),"Error")))):(jsx(Fragment,{},(!((s_rx_state_?.["turns"]?.valueOf?.() === ""?.valueOf?.()))?(jsx(Fragment,{},jsx(RadixThemesBadge,{color:"green",variant:"soft"},"OK"))):(jsx(Fragment,{},)))))))),jsx(RadixThemesTable.Cell,{},jsx(Fragment,{},(reflex___state____state__chat_ui___state___chat____chat_state.capabilities_rx_state_?.["delete"]?(jsx(Fragment,{},jsx(RadixThemesIconButton,{"aria-label":("Delete chat "+s_rx_state_?.["title"]),color:"gray",css:({ ["padding"] : "6px" }),onClick:((_e) => (addEvents([(ReflexEvent("reflex___state____state.chat_ui___state___sessions____sessions_state.ask_delete", ({ ["session_id"] : s_rx_state_?.["session_id"], ["title"] : s_rx_state_?.["title"] }), ({  })))], [_e], ({  })))),size:"1",variant:"ghost"},jsx(LucideTrash2,{size:12},)))):(jsx(Fragment,{},)))))))):(jsx(Fragment,{},)))))))
    )
});
Foreach_comp_122aa386dd224e4e7e71f90060958dd2_aa668376.displayName = "Foreach";
return Foreach_comp_122aa386dd224e4e7e71f90060958dd2_aa668376;
})();

export const Button_button_b71bc152e10be6bf4118da68dfbdc7cb_aa668376 = /*#__PURE__*/ (() => {
const Button_button_b71bc152e10be6bf4118da68dfbdc7cb_aa668376 = memo(({children, ...rest}) => {
    const on_click_754f1b737b9ba7b26508b9e9d3a6e69f = useCallback(((_e) => (addEvents([(ReflexEvent("reflex___state____state.chat_ui___state___sessions____sessions_state.load_more", ({  }), ({  })))], [_e], ({  })))), [addEvents, ReflexEvent])
const reflex___state____state__chat_ui___state___sessions____sessions_state = useStateContext("reflex___state____state.chat_ui___state___sessions____sessions_state")
    return(
        jsx(RadixThemesButton,{...mergeSlotProps(rest, ({ "aria-label":"Load more sessions", loading:reflex___state____state__chat_ui___state___sessions____sessions_state.loading_rx_state_, onClick:on_click_754f1b737b9ba7b26508b9e9d3a6e69f, variant:"soft" }))},children)
    )
});
Button_button_b71bc152e10be6bf4118da68dfbdc7cb_aa668376.displayName = "Button";
return Button_button_b71bc152e10be6bf4118da68dfbdc7cb_aa668376;
})();

export const Bare_comp_72dad48e6b1fd7f7d7125c0fdc1ffe45_aa668376 = /*#__PURE__*/ (() => {
const Bare_comp_72dad48e6b1fd7f7d7125c0fdc1ffe45_aa668376 = memo(({children}) => {
    const reflex___state____state__chat_ui___state___sessions____sessions_state = useStateContext("reflex___state____state.chat_ui___state___sessions____sessions_state")
    return(
        reflex___state____state__chat_ui___state___sessions____sessions_state.confirm_title_rx_state_
    )
});
Bare_comp_72dad48e6b1fd7f7d7125c0fdc1ffe45_aa668376.displayName = "Bare";
return Bare_comp_72dad48e6b1fd7f7d7125c0fdc1ffe45_aa668376;
})();

export const Button_button_9ea180bf5304754d2440869cfe87e5b1_aa668376 = /*#__PURE__*/ (() => {
const Button_button_9ea180bf5304754d2440869cfe87e5b1_aa668376 = memo(({children, ...rest}) => {
    const on_click_f621082ffaa0fa6387dcdb70cc87b68e = useCallback(((_e) => (addEvents([(ReflexEvent("reflex___state____state.chat_ui___state___sessions____sessions_state.confirm_delete", ({  }), ({  })))], [_e], ({  })))), [addEvents, ReflexEvent])
const reflex___state____state__chat_ui___state___sessions____sessions_state = useStateContext("reflex___state____state.chat_ui___state___sessions____sessions_state")
    return(
        jsx(RadixThemesButton,{...mergeSlotProps(rest, ({ "aria-label":"Confirm delete", color:"red", loading:reflex___state____state__chat_ui___state___sessions____sessions_state.deleting_rx_state_, onClick:on_click_f621082ffaa0fa6387dcdb70cc87b68e }))},children)
    )
});
Button_button_9ea180bf5304754d2440869cfe87e5b1_aa668376.displayName = "Button";
return Button_button_9ea180bf5304754d2440869cfe87e5b1_aa668376;
})();

export const Alertdialogroot_alertdialog__root_ff495cb4ad6a8bca858d5061d6b3444b_aa668376 = /*#__PURE__*/ (() => {
const Alertdialogroot_alertdialog__root_ff495cb4ad6a8bca858d5061d6b3444b_aa668376 = memo(({children, ...rest}) => {
    const on_open_change_1c9893cbe6c37dfa4c9363cb54c44f01 = useCallback(((_ev_0) => (addEvents([(ReflexEvent("reflex___state____state.chat_ui___state___sessions____sessions_state.set_confirm_open", ({ ["value"] : _ev_0 }), ({  })))], [_ev_0], ({  })))), [addEvents, ReflexEvent])
const reflex___state____state__chat_ui___state___sessions____sessions_state = useStateContext("reflex___state____state.chat_ui___state___sessions____sessions_state")
    return(
        jsx(RadixThemesAlertDialog.Root,{...mergeSlotProps(rest, ({ onOpenChange:on_open_change_1c9893cbe6c37dfa4c9363cb54c44f01, open:!((reflex___state____state__chat_ui___state___sessions____sessions_state.confirm_id_rx_state_?.valueOf?.() === ""?.valueOf?.())) }))},children)
    )
});
Alertdialogroot_alertdialog__root_ff495cb4ad6a8bca858d5061d6b3444b_aa668376.displayName = "AlertDialogRoot";
return Alertdialogroot_alertdialog__root_ff495cb4ad6a8bca858d5061d6b3444b_aa668376;
})();
