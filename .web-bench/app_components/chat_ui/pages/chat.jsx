
import {ReflexEvent,applyEventActions,getBackendURL,isNotNullOrUndefined,isTrue,mergeSlotProps,pyAnd,pyOr,pyStrip,refs} from "$/utils/state"
import {AlertDialog as RadixThemesAlertDialog,Badge as RadixThemesBadge,Box as RadixThemesBox,Button as RadixThemesButton,Callout as RadixThemesCallout,Code as RadixThemesCode,Dialog as RadixThemesDialog,Flex as RadixThemesFlex,Heading as RadixThemesHeading,IconButton as RadixThemesIconButton,Link as RadixThemesLink,Spinner as RadixThemesSpinner,Switch as RadixThemesSwitch,Text as RadixThemesText,TextField as RadixThemesTextField,Tooltip as RadixThemesTooltip} from "@radix-ui/themes"
import {ColorModeContext,addEvents} from "$/utils/context"
import {Fragment,memo,useCallback,useContext,useEffect} from "react"
import {Link as ReactRouterLink} from "react-router"
import LucideSquarePen from "lucide-react/dist/esm/icons/square-pen.mjs"
import LucideTrash2 from "lucide-react/dist/esm/icons/trash-2.mjs"
import LucideGauge from "lucide-react/dist/esm/icons/gauge.mjs"
import LucideBrain from "lucide-react/dist/esm/icons/brain.mjs"
import LucideChevronDown from "lucide-react/dist/esm/icons/chevron-down.mjs"
import LucideLibrary from "lucide-react/dist/esm/icons/library.mjs"
import LucideSearch from "lucide-react/dist/esm/icons/search.mjs"
import LucideCircleX from "lucide-react/dist/esm/icons/circle-x.mjs"
import LucideCircleCheck from "lucide-react/dist/esm/icons/circle-check.mjs"
import LucideCopy from "lucide-react/dist/esm/icons/copy.mjs"
import LucideChevronLeft from "lucide-react/dist/esm/icons/chevron-left.mjs"
import LucideChevronRight from "lucide-react/dist/esm/icons/chevron-right.mjs"
import LucideFileImage from "lucide-react/dist/esm/icons/file-image.mjs"
import LucideTriangleAlert from "lucide-react/dist/esm/icons/triangle-alert.mjs"
import {DynamicIcon} from "lucide-react/dynamic.mjs"
import LucideHourglass from "lucide-react/dist/esm/icons/hourglass.mjs"
import LucideSquare from "lucide-react/dist/esm/icons/square.mjs"
import LucideRotateCcw from "lucide-react/dist/esm/icons/rotate-ccw.mjs"
import LucidePencil from "lucide-react/dist/esm/icons/pencil.mjs"
import LucideCircleAlert from "lucide-react/dist/esm/icons/circle-alert.mjs"
import LucideUnplug from "lucide-react/dist/esm/icons/unplug.mjs"
import LucideLock from "lucide-react/dist/esm/icons/lock.mjs"
import LucideCheck from "lucide-react/dist/esm/icons/check.mjs"
import LucidePlus from "lucide-react/dist/esm/icons/plus.mjs"
import {jsx} from "@emotion/react"
import DebounceInput from "react-debounce-input"
import {useStateContext} from "$/utils/context-registry"
import {WhenVisible} from "$/public/external/chat_ui/components/js/when_visible.jsx"
import {Drawer as VaulDrawer} from "vaul"
import ReactMarkdown from "react-markdown"
import remarkGfm from "remark-gfm"
import {LiveText} from "$/public/external/chat_ui/components/js/live_text.jsx"
import {PrismAsyncLight as SyntaxHighlighter} from "react-syntax-highlighter"
import oneLight from "react-syntax-highlighter/dist/esm/styles/prism/one-light"
import oneDark from "react-syntax-highlighter/dist/esm/styles/prism/one-dark"
import env from "$/env.json"
import rehypeUnwrapImages from "rehype-unwrap-images"
import {FollowScroll} from "$/public/external/chat_ui/components/js/follow_scroll.jsx"
import {Composer} from "$/public/external/chat_ui/components/js/composer.jsx"




        function ComponentMap_75188e580265eabbce1d7df04961df26 () {
            
            return (
                ({ ["h1"] : (({node, children, ...props}) => (jsx(RadixThemesHeading,{as:"h1",css:({ ["marginTop"] : "0.5em", ["marginBottom"] : "0.5em" }),size:"6",...props},children))), ["h2"] : (({node, children, ...props}) => (jsx(RadixThemesHeading,{as:"h2",css:({ ["marginTop"] : "0.5em", ["marginBottom"] : "0.5em" }),size:"5",...props},children))), ["h3"] : (({node, children, ...props}) => (jsx(RadixThemesHeading,{as:"h3",css:({ ["marginTop"] : "0.5em", ["marginBottom"] : "0.5em" }),size:"4",...props},children))), ["h4"] : (({node, children, ...props}) => (jsx(RadixThemesHeading,{as:"h4",css:({ ["marginTop"] : "0.5em", ["marginBottom"] : "0.5em" }),size:"3",...props},children))), ["h5"] : (({node, children, ...props}) => (jsx(RadixThemesHeading,{as:"h5",css:({ ["marginTop"] : "0.5em", ["marginBottom"] : "0.5em" }),size:"2",...props},children))), ["h6"] : (({node, children, ...props}) => (jsx(RadixThemesHeading,{as:"h6",css:({ ["marginTop"] : "0.5em", ["marginBottom"] : "0.5em" }),size:"1",...props},children))), ["p"] : (({node, children, ...props}) => (jsx(RadixThemesText,{as:"p",css:({ ["marginTop"] : "1em", ["marginBottom"] : "1em" }),...props},children))), ["ul"] : (({node, children, ...props}) => (jsx("ul",{css:({ ["listStyleType"] : "disc", ["marginTop"] : "1em", ["marginBottom"] : "1em", ["marginLeft"] : "1.5rem", ["direction"] : "column" }),...props},children))), ["ol"] : (({node, children, ...props}) => (jsx("ol",{css:({ ["listStyleType"] : "decimal", ["marginTop"] : "1em", ["marginBottom"] : "1em", ["marginLeft"] : "1.5rem", ["direction"] : "column" }),...props},children))), ["li"] : (({node, children, ...props}) => (jsx("li",{css:({ ["marginTop"] : "0.5em", ["marginBottom"] : "0.5em" }),...props},children))), ["a"] : (({node, children, ...props}) => (jsx(RadixThemesLink,{css:({ ["&:hover"] : ({ ["color"] : "var(--accent-8)" }) }),href:"#",...props},children))), ["code"] : (({node, children, ...props}) => (jsx(RadixThemesCode,{...props},children))), ["pre"] : (({node, ...rest}) => { const {node: childNode, className, children: components, ...props} = rest.children.props; const children = String(Array.isArray(components) ? components.join('\n') : components).replace(/\n$/, ''); const match = (className || '').match(/language-(?<lang>.*)/); let _language = match ? match[1] : ''; ;             return jsx(RadixThemesBox,{css:({ ["position"] : "relative" }),...props},jsx(SyntaxHighlighter,{children:children,codeTagProps:({ ["style"] : ({ ["whiteSpace"] : "pre-wrap" }) }),customStyle:({ ["padding"] : "1em 3.2em 1em 1em" }),language:_language,style:oneDark,wrapLongLines:true},),jsx(RadixThemesButton,{"aria-label":"Copy code",css:({ ["position"] : "absolute", ["top"] : "0.5em", ["right"] : "0" }),onClick:((_e) => (addEvents([(ReflexEvent("_call_function", ({ ["function"] : (() => (navigator?.["clipboard"]?.["writeText"](children))), ["callback"] : null }), ({  })))], [_e], ({  })))),type:"button"},jsx(LucideCopy,{},)));         }) })
            )
        }
        




export const Link_link_8bf552f1b0c9d80ea866113c8c756b49_5985e398 = /*#__PURE__*/ (() => {
const Link_link_8bf552f1b0c9d80ea866113c8c756b49_5985e398 = memo(({children, ...rest}) => {
    const on_click_285971f76605edb797f87d21b2e111ea = useCallback(((_e) => (addEvents([(ReflexEvent("reflex___state____state.chat_ui___state___sessions____sessions_state.set_drawer", ({ ["value"] : false }), ({  })))], [_e], ({  })))), [addEvents, ReflexEvent])
    return(
        jsx(RadixThemesLink,{...mergeSlotProps(rest, ({ asChild:true, css:({ ["width"] : "100%", ["&:hover"] : ({ ["color"] : "var(--accent-8)" }) }), onClick:on_click_285971f76605edb797f87d21b2e111ea }))},jsx(ReactRouterLink,{to:"/chat"},jsx(RadixThemesButton,{"aria-label":"New chat",css:({ ["width"] : "100%" }),variant:"soft"},jsx(LucideSquarePen,{size:16},),"New chat")))
    )
});
Link_link_8bf552f1b0c9d80ea866113c8c756b49_5985e398.displayName = "Link";
return Link_link_8bf552f1b0c9d80ea866113c8c756b49_5985e398;
})();

export const Debounceinput_debounceinput_da285cb2a64b4fe89a3fe27fee10315c_5985e398 = /*#__PURE__*/ (() => {
const Debounceinput_debounceinput_da285cb2a64b4fe89a3fe27fee10315c_5985e398 = memo(({children, ...rest}) => {
    const on_change_6b4bc41a0d8934d9fcc1f4241029c1b7 = useCallback(((_e) => (addEvents([(ReflexEvent("reflex___state____state.chat_ui___state___sessions____sessions_state.set_filter", ({ ["value"] : _e?.["target"]?.["value"] }), ({ ["debounce"] : 150 })))], [_e], ({  })))), [addEvents, ReflexEvent])
const reflex___state____state__chat_ui___state___sessions____sessions_state = useStateContext("reflex___state____state.chat_ui___state___sessions____sessions_state")
    return(
        jsx(DebounceInput,{...mergeSlotProps(rest, ({ "aria-label":"Filter chats", debounceTimeout:300, element:RadixThemesTextField.Root, onChange:on_change_6b4bc41a0d8934d9fcc1f4241029c1b7, placeholder:"Filter chats", size:"2", value:(isNotNullOrUndefined(reflex___state____state__chat_ui___state___sessions____sessions_state.filter_text_rx_state_) ? reflex___state____state__chat_ui___state___sessions____sessions_state.filter_text_rx_state_ : "") }), "inputRef")},children)
    )
});
Debounceinput_debounceinput_da285cb2a64b4fe89a3fe27fee10315c_5985e398.displayName = "DebounceInput";
return Debounceinput_debounceinput_da285cb2a64b4fe89a3fe27fee10315c_5985e398;
})();

export const Bare_comp_7f6b650a3ab932500e7f8d9b2b21a6e3_5985e398 = /*#__PURE__*/ (() => {
const Bare_comp_7f6b650a3ab932500e7f8d9b2b21a6e3_5985e398 = memo(({children}) => {
    const reflex___state____state__chat_ui___state___sessions____sessions_state = useStateContext("reflex___state____state.chat_ui___state___sessions____sessions_state")
    return(
        reflex___state____state__chat_ui___state___sessions____sessions_state.error_rx_state_
    )
});
Bare_comp_7f6b650a3ab932500e7f8d9b2b21a6e3_5985e398.displayName = "Bare";
return Bare_comp_7f6b650a3ab932500e7f8d9b2b21a6e3_5985e398;
})();

export const Cond_comp_989d1dace0bf1bf2e4e27c8a0ceeaddc_5985e398 = /*#__PURE__*/ (() => {
const Cond_comp_989d1dace0bf1bf2e4e27c8a0ceeaddc_5985e398 = memo(({children}) => {
    const reflex___state____state__chat_ui___state___sessions____sessions_state = useStateContext("reflex___state____state.chat_ui___state___sessions____sessions_state")
    return(
        (!((reflex___state____state__chat_ui___state___sessions____sessions_state.error_rx_state_?.valueOf?.() === ""?.valueOf?.()))?(children?.at?.(0)):(children?.at?.(1)))
    )
});
Cond_comp_989d1dace0bf1bf2e4e27c8a0ceeaddc_5985e398.displayName = "Cond";
return Cond_comp_989d1dace0bf1bf2e4e27c8a0ceeaddc_5985e398;
})();

export const Foreach_comp_8332baa57e10c7e036f0d73a024c7476_5985e398 = /*#__PURE__*/ (() => {
const Foreach_comp_8332baa57e10c7e036f0d73a024c7476_5985e398 = memo(({children}) => {
    const reflex___state____state__chat_ui___state___sessions____sessions_state = useStateContext("reflex___state____state.chat_ui___state___sessions____sessions_state")
const reflex___state____state__chat_ui___state___chat____chat_state = useStateContext("reflex___state____state.chat_ui___state___chat____chat_state")
    return(
        Array.prototype.map.call(reflex___state____state__chat_ui___state___sessions____sessions_state.sessions_rx_state_ ?? [],((s_rx_state_,index_c9fd20dc2635baa1de3a3135d5f888d0)=>(jsx(Fragment,{key:index_c9fd20dc2635baa1de3a3135d5f888d0},(pyOr(pyOr((pyStrip(reflex___state____state__chat_ui___state___sessions____sessions_state.filter_text_rx_state_, null).toLowerCase()?.valueOf?.() === ""?.valueOf?.()), () => (s_rx_state_?.["title"].toLowerCase().includes(pyStrip(reflex___state____state__chat_ui___state___sessions____sessions_state.filter_text_rx_state_, null).toLowerCase()))), () => (s_rx_state_?.["index_ids"].toLowerCase().includes(pyStrip(reflex___state____state__chat_ui___state___sessions____sessions_state.filter_text_rx_state_, null).toLowerCase())))?(jsx(Fragment,{},jsx(RadixThemesFlex,{align:"center",className:"session-item","data-current":(reflex___state____state__chat_ui___state___chat____chat_state.current_id_rx_state_?.valueOf?.() === s_rx_state_?.["session_id"]?.valueOf?.())},jsx(RadixThemesLink,{"aria-current":((reflex___state____state__chat_ui___state___chat____chat_state.current_id_rx_state_?.valueOf?.() === s_rx_state_?.["session_id"]?.valueOf?.()) ? "page" : "false"),asChild:true,className:"session-link",css:({ ["&:hover"] : ({ ["color"] : "var(--accent-8)" }) }),onClick:((_e) => (addEvents([(ReflexEvent("reflex___state____state.chat_ui___state___sessions____sessions_state.set_drawer", ({ ["value"] : false }), ({  })))], [_e], ({  })))),underline:"none"},jsx(ReactRouterLink,{to:("/chat/"+s_rx_state_?.["session_id"])},jsx(RadixThemesFlex,{css:({ ["minWidth"] : "0" }),direction:"column"},jsx(RadixThemesText,{as:"p",className:"truncate",size:"2",weight:((reflex___state____state__chat_ui___state___chat____chat_state.current_id_rx_state_?.valueOf?.() === s_rx_state_?.["session_id"]?.valueOf?.()) ? "medium" : "regular")},s_rx_state_?.["title"]),jsx(RadixThemesText,{as:"p",color:"gray",size:"1"},s_rx_state_?.["updated"])))),jsx(Fragment,{},(reflex___state____state__chat_ui___state___chat____chat_state.capabilities_rx_state_?.["delete"]?(jsx(Fragment,{},jsx(RadixThemesIconButton,{"aria-label":("Delete chat "+s_rx_state_?.["title"]),className:"session-delete",color:"gray",css:({ ["padding"] : "6px" }),onClick:((_e) => (addEvents([(ReflexEvent("reflex___state____state.chat_ui___state___sessions____sessions_state.ask_delete", ({ ["session_id"] : s_rx_state_?.["session_id"], ["title"] : s_rx_state_?.["title"] }), ({  })))], [_e], ({  })))),size:"1",variant:"ghost"},jsx(LucideTrash2,{size:12},)))):(jsx(Fragment,{},))))))):(jsx(Fragment,{},)))))))
    )
});
Foreach_comp_8332baa57e10c7e036f0d73a024c7476_5985e398.displayName = "Foreach";
return Foreach_comp_8332baa57e10c7e036f0d73a024c7476_5985e398;
})();

export const Cond_comp_6f5a2b4c8c05bc512508a72082e70c53_5985e398 = /*#__PURE__*/ (() => {
const Cond_comp_6f5a2b4c8c05bc512508a72082e70c53_5985e398 = memo(({children}) => {
    const reflex___state____state__chat_ui___state___sessions____sessions_state = useStateContext("reflex___state____state.chat_ui___state___sessions____sessions_state")
    return(
        (pyAnd(reflex___state____state__chat_ui___state___sessions____sessions_state.loaded_rx_state_, () => ((reflex___state____state__chat_ui___state___sessions____sessions_state.sessions_rx_state_.length?.valueOf?.() === 0?.valueOf?.())))?(children?.at?.(0)):(children?.at?.(1)))
    )
});
Cond_comp_6f5a2b4c8c05bc512508a72082e70c53_5985e398.displayName = "Cond";
return Cond_comp_6f5a2b4c8c05bc512508a72082e70c53_5985e398;
})();

export const Whenvisible_whenvisible_a80fcefa5881d0c992c1b1f78c96d5cc_5985e398 = /*#__PURE__*/ (() => {
const Whenvisible_whenvisible_a80fcefa5881d0c992c1b1f78c96d5cc_5985e398 = memo(({children, ...rest}) => {
    const on_visible_899e24f71069d4db277920bde842641e = useCallback(((...args) => (addEvents([(ReflexEvent("reflex___state____state.chat_ui___state___sessions____sessions_state.load_more", ({  }), ({  })))], args, ({  })))), [addEvents, ReflexEvent])
const reflex___state____state__chat_ui___state___sessions____sessions_state = useStateContext("reflex___state____state.chat_ui___state___sessions____sessions_state")
    return(
        jsx(WhenVisible,{...mergeSlotProps(rest, ({ onVisible:on_visible_899e24f71069d4db277920bde842641e, resetKey:reflex___state____state__chat_ui___state___sessions____sessions_state.sessions_rx_state_.length }))},children)
    )
});
Whenvisible_whenvisible_a80fcefa5881d0c992c1b1f78c96d5cc_5985e398.displayName = "WhenVisible";
return Whenvisible_whenvisible_a80fcefa5881d0c992c1b1f78c96d5cc_5985e398;
})();

export const Cond_comp_808a16376f812843407f7afa0efb04b3_5985e398 = /*#__PURE__*/ (() => {
const Cond_comp_808a16376f812843407f7afa0efb04b3_5985e398 = memo(({children}) => {
    const reflex___state____state__chat_ui___state___sessions____sessions_state = useStateContext("reflex___state____state.chat_ui___state___sessions____sessions_state")
    return(
        (reflex___state____state__chat_ui___state___sessions____sessions_state.has_more_rx_state_?(children?.at?.(0)):(children?.at?.(1)))
    )
});
Cond_comp_808a16376f812843407f7afa0efb04b3_5985e398.displayName = "Cond";
return Cond_comp_808a16376f812843407f7afa0efb04b3_5985e398;
})();

export const Drawerroot_drawer__root_22fc76e067966a1f329081e0b03c2150_5985e398 = /*#__PURE__*/ (() => {
const Drawerroot_drawer__root_22fc76e067966a1f329081e0b03c2150_5985e398 = memo(({children, ...rest}) => {
    const on_open_change_bb5a744efa5abfd58e65c3ede122c77a = useCallback(((_ev_0) => (addEvents([(ReflexEvent("reflex___state____state.chat_ui___state___sessions____sessions_state.set_drawer", ({ ["value"] : _ev_0 }), ({  })))], [_ev_0], ({  })))), [addEvents, ReflexEvent])
const reflex___state____state__chat_ui___state___sessions____sessions_state = useStateContext("reflex___state____state.chat_ui___state___sessions____sessions_state")
    return(
        jsx(VaulDrawer.Root,{...mergeSlotProps(rest, ({ direction:"left", onOpenChange:on_open_change_bb5a744efa5abfd58e65c3ede122c77a, open:reflex___state____state__chat_ui___state___sessions____sessions_state.drawer_open_rx_state_ }))},children)
    )
});
Drawerroot_drawer__root_22fc76e067966a1f329081e0b03c2150_5985e398.displayName = "DrawerRoot";
return Drawerroot_drawer__root_22fc76e067966a1f329081e0b03c2150_5985e398;
})();

export const Bare_comp_c3d0d20222ad07910b0d05dd90bc66dc_5985e398 = /*#__PURE__*/ (() => {
const Bare_comp_c3d0d20222ad07910b0d05dd90bc66dc_5985e398 = memo(({children}) => {
    const reflex___state____state__chat_ui___state___chat____chat_state = useStateContext("reflex___state____state.chat_ui___state___chat____chat_state")
    return(
        (reflex___state____state__chat_ui___state___chat____chat_state.not_found_rx_state_ ? "Chat not found" : (!((reflex___state____state__chat_ui___state___chat____chat_state.title_rx_state_?.valueOf?.() === ""?.valueOf?.())) ? reflex___state____state__chat_ui___state___chat____chat_state.title_rx_state_ : "New chat"))
    )
});
Bare_comp_c3d0d20222ad07910b0d05dd90bc66dc_5985e398.displayName = "Bare";
return Bare_comp_c3d0d20222ad07910b0d05dd90bc66dc_5985e398;
})();

export const Tooltip_tooltip_cef3f6288a384560df1a8da268a8c259_5985e398 = /*#__PURE__*/ (() => {
const Tooltip_tooltip_cef3f6288a384560df1a8da268a8c259_5985e398 = memo(({children, ...rest}) => {
    const reflex___state____state__chat_ui___state___chat____chat_state = useStateContext("reflex___state____state.chat_ui___state___chat____chat_state")
    return(
        jsx(RadixThemesTooltip,{...mergeSlotProps(rest, ({ content:"Tokens and time for this chat so far" }))},jsx(RadixThemesBadge,{"aria-label":"Session totals",className:"tabular totals",color:"gray",variant:"surface"},jsx(LucideGauge,{size:12},),reflex___state____state__chat_ui___state___chat____chat_state.totals_text_rx_state_))
    )
});
Tooltip_tooltip_cef3f6288a384560df1a8da268a8c259_5985e398.displayName = "Tooltip";
return Tooltip_tooltip_cef3f6288a384560df1a8da268a8c259_5985e398;
})();

export const Cond_comp_7d5a99e736e2851e6fd3b4f30d3b225f_5985e398 = /*#__PURE__*/ (() => {
const Cond_comp_7d5a99e736e2851e6fd3b4f30d3b225f_5985e398 = memo(({children}) => {
    const reflex___state____state__chat_ui___state___chat____chat_state = useStateContext("reflex___state____state.chat_ui___state___chat____chat_state")
    return(
        (pyAnd(reflex___state____state__chat_ui___state___chat____chat_state.capabilities_rx_state_?.["usage"], () => (!((reflex___state____state__chat_ui___state___chat____chat_state.totals_text_rx_state_?.valueOf?.() === ""?.valueOf?.()))))?(children?.at?.(0)):(children?.at?.(1)))
    )
});
Cond_comp_7d5a99e736e2851e6fd3b4f30d3b225f_5985e398.displayName = "Cond";
return Cond_comp_7d5a99e736e2851e6fd3b4f30d3b225f_5985e398;
})();

export const Cond_comp_ca57bf910541d8ab66114abd37794349_5985e398 = /*#__PURE__*/ (() => {
const Cond_comp_ca57bf910541d8ab66114abd37794349_5985e398 = memo(({children}) => {
    const { resolvedColorMode } = useContext(ColorModeContext)
    return(
        ((resolvedColorMode?.valueOf?.() === "light"?.valueOf?.())?(children?.at?.(0)):(children?.at?.(1)))
    )
});
Cond_comp_ca57bf910541d8ab66114abd37794349_5985e398.displayName = "Cond";
return Cond_comp_ca57bf910541d8ab66114abd37794349_5985e398;
})();

export const Iconbutton_iconbutton_510466d2dd283845ae514020452c22b9_5985e398 = /*#__PURE__*/ (() => {
const Iconbutton_iconbutton_510466d2dd283845ae514020452c22b9_5985e398 = memo(({children, ...rest}) => {
    const { toggleColorMode } = useContext(ColorModeContext)
const on_click_dedd885ce47a15c1666b026c014cf563 = useCallback(((_e) => (toggleColorMode(_e))), [addEvents, ReflexEvent, toggleColorMode])
    return(
        jsx(RadixThemesIconButton,{...mergeSlotProps(rest, ({ "aria-label":"Toggle dark mode", color:"gray", css:({ ["padding"] : "6px", ["background"] : "transparent", ["color"] : "inherit", ["zIndex"] : "20", ["&:hover"] : ({ ["cursor"] : "pointer" }) }), onClick:on_click_dedd885ce47a15c1666b026c014cf563, variant:"ghost" }))},children)
    )
});
Iconbutton_iconbutton_510466d2dd283845ae514020452c22b9_5985e398.displayName = "IconButton";
return Iconbutton_iconbutton_510466d2dd283845ae514020452c22b9_5985e398;
})();

export const Cond_comp_86d10700307319ba97ded433e36ba45d_5985e398 = /*#__PURE__*/ (() => {
const Cond_comp_86d10700307319ba97ded433e36ba45d_5985e398 = memo(({children}) => {
    const reflex___state____state__chat_ui___state___chat____chat_state = useStateContext("reflex___state____state.chat_ui___state___chat____chat_state")
    return(
        (reflex___state____state__chat_ui___state___chat____chat_state.not_found_rx_state_?(children?.at?.(0)):(children?.at?.(1)))
    )
});
Cond_comp_86d10700307319ba97ded433e36ba45d_5985e398.displayName = "Cond";
return Cond_comp_86d10700307319ba97ded433e36ba45d_5985e398;
})();

export const Bare_comp_024024ba6a23fcbb5d2cc2b3e6985d0e_5985e398 = /*#__PURE__*/ (() => {
const Bare_comp_024024ba6a23fcbb5d2cc2b3e6985d0e_5985e398 = memo(({children}) => {
    const reflex___state____state__chat_ui___state___chat____chat_state = useStateContext("reflex___state____state.chat_ui___state___chat____chat_state")
    return(
        reflex___state____state__chat_ui___state___chat____chat_state.load_error_rx_state_
    )
});
Bare_comp_024024ba6a23fcbb5d2cc2b3e6985d0e_5985e398.displayName = "Bare";
return Bare_comp_024024ba6a23fcbb5d2cc2b3e6985d0e_5985e398;
})();

export const Cond_comp_0fb77e05717b87cbf026d34e8983e7a9_5985e398 = /*#__PURE__*/ (() => {
const Cond_comp_0fb77e05717b87cbf026d34e8983e7a9_5985e398 = memo(({children}) => {
    const reflex___state____state__chat_ui___state___chat____chat_state = useStateContext("reflex___state____state.chat_ui___state___chat____chat_state")
    return(
        (!((reflex___state____state__chat_ui___state___chat____chat_state.load_error_rx_state_?.valueOf?.() === ""?.valueOf?.()))?(children?.at?.(0)):(children?.at?.(1)))
    )
});
Cond_comp_0fb77e05717b87cbf026d34e8983e7a9_5985e398.displayName = "Cond";
return Cond_comp_0fb77e05717b87cbf026d34e8983e7a9_5985e398;
})();

export const Cond_comp_8caf95b86385536c0f84523b0dc49460_5985e398 = /*#__PURE__*/ (() => {
const Cond_comp_8caf95b86385536c0f84523b0dc49460_5985e398 = memo(({children}) => {
    const reflex___state____state__chat_ui___state___chat____chat_state = useStateContext("reflex___state____state.chat_ui___state___chat____chat_state")
    return(
        (reflex___state____state__chat_ui___state___chat____chat_state.loading_rx_state_?(children?.at?.(0)):(children?.at?.(1)))
    )
});
Cond_comp_8caf95b86385536c0f84523b0dc49460_5985e398.displayName = "Cond";
return Cond_comp_8caf95b86385536c0f84523b0dc49460_5985e398;
})();

export const Button_button_4a111b71bbb2ac2f4af26a0300a52ebc_5985e398 = /*#__PURE__*/ (() => {
const Button_button_4a111b71bbb2ac2f4af26a0300a52ebc_5985e398 = memo(({children, ...rest}) => {
    const on_click_cecf6522b167a12379408c84cb37f6ed = useCallback(((_e) => (addEvents([(ReflexEvent("reflex___state____state.chat_ui___state___live____live_state.send", ({ ["prompt"] : "How much did revenue grow in Q3, and why?" }), ({  })))], [_e], ({  })))), [addEvents, ReflexEvent])
const reflex___state____state__chat_ui___state___chat____chat_state = useStateContext("reflex___state____state.chat_ui___state___chat____chat_state")
    return(
        jsx(RadixThemesButton,{...mergeSlotProps(rest, ({ "aria-label":"Ask: How much did revenue grow in Q3, and why?", className:"example-prompt", color:"gray", disabled:pyAnd(pyAnd(reflex___state____state__chat_ui___state___chat____chat_state.capabilities_rx_state_?.["index_binding"], () => (!(reflex___state____state__chat_ui___state___chat____chat_state.indexes_loaded_rx_state_))), () => ((reflex___state____state__chat_ui___state___chat____chat_state.indexes_error_rx_state_?.valueOf?.() === ""?.valueOf?.()))), onClick:on_click_cecf6522b167a12379408c84cb37f6ed, size:"2", variant:"surface" }))},children)
    )
});
Button_button_4a111b71bbb2ac2f4af26a0300a52ebc_5985e398.displayName = "Button";
return Button_button_4a111b71bbb2ac2f4af26a0300a52ebc_5985e398;
})();

export const Button_button_a1523b540e66c9276ae809e9a33b92ed_5985e398 = /*#__PURE__*/ (() => {
const Button_button_a1523b540e66c9276ae809e9a33b92ed_5985e398 = memo(({children, ...rest}) => {
    const on_click_dd0cf998433ae385cecc6df5efcd7ccb = useCallback(((_e) => (addEvents([(ReflexEvent("reflex___state____state.chat_ui___state___live____live_state.send", ({ ["prompt"] : "What is the parental leave policy?" }), ({  })))], [_e], ({  })))), [addEvents, ReflexEvent])
const reflex___state____state__chat_ui___state___chat____chat_state = useStateContext("reflex___state____state.chat_ui___state___chat____chat_state")
    return(
        jsx(RadixThemesButton,{...mergeSlotProps(rest, ({ "aria-label":"Ask: What is the parental leave policy?", className:"example-prompt", color:"gray", disabled:pyAnd(pyAnd(reflex___state____state__chat_ui___state___chat____chat_state.capabilities_rx_state_?.["index_binding"], () => (!(reflex___state____state__chat_ui___state___chat____chat_state.indexes_loaded_rx_state_))), () => ((reflex___state____state__chat_ui___state___chat____chat_state.indexes_error_rx_state_?.valueOf?.() === ""?.valueOf?.()))), onClick:on_click_dd0cf998433ae385cecc6df5efcd7ccb, size:"2", variant:"surface" }))},children)
    )
});
Button_button_a1523b540e66c9276ae809e9a33b92ed_5985e398.displayName = "Button";
return Button_button_a1523b540e66c9276ae809e9a33b92ed_5985e398;
})();

export const Button_button_286dc07aa7bca8ae98b90b004577eb28_5985e398 = /*#__PURE__*/ (() => {
const Button_button_286dc07aa7bca8ae98b90b004577eb28_5985e398 = memo(({children, ...rest}) => {
    const on_click_ef2c29550c4c526137e35eaf03facc31 = useCallback(((_e) => (addEvents([(ReflexEvent("reflex___state____state.chat_ui___state___live____live_state.send", ({ ["prompt"] : "Summarise the risks named in the quarterly report." }), ({  })))], [_e], ({  })))), [addEvents, ReflexEvent])
const reflex___state____state__chat_ui___state___chat____chat_state = useStateContext("reflex___state____state.chat_ui___state___chat____chat_state")
    return(
        jsx(RadixThemesButton,{...mergeSlotProps(rest, ({ "aria-label":"Ask: Summarise the risks named in the quarterly report.", className:"example-prompt", color:"gray", disabled:pyAnd(pyAnd(reflex___state____state__chat_ui___state___chat____chat_state.capabilities_rx_state_?.["index_binding"], () => (!(reflex___state____state__chat_ui___state___chat____chat_state.indexes_loaded_rx_state_))), () => ((reflex___state____state__chat_ui___state___chat____chat_state.indexes_error_rx_state_?.valueOf?.() === ""?.valueOf?.()))), onClick:on_click_ef2c29550c4c526137e35eaf03facc31, size:"2", variant:"surface" }))},children)
    )
});
Button_button_286dc07aa7bca8ae98b90b004577eb28_5985e398.displayName = "Button";
return Button_button_286dc07aa7bca8ae98b90b004577eb28_5985e398;
})();

export const Cond_comp_89b431e0b074b474a3e0057424224f73_5985e398 = /*#__PURE__*/ (() => {
const Cond_comp_89b431e0b074b474a3e0057424224f73_5985e398 = memo(({children}) => {
    const reflex___state____state__chat_ui___state___chat____chat_state = useStateContext("reflex___state____state.chat_ui___state___chat____chat_state")
const reflex___state____state__chat_ui___state___live____live_state = useStateContext("reflex___state____state.chat_ui___state___live____live_state")
    return(
        (pyAnd(pyAnd(pyAnd(pyAnd(pyAnd((reflex___state____state__chat_ui___state___chat____chat_state.turns_rx_state_.length?.valueOf?.() === 0?.valueOf?.()), () => ((reflex___state____state__chat_ui___state___live____live_state.recent_rx_state_.length?.valueOf?.() === 0?.valueOf?.()))), () => ((reflex___state____state__chat_ui___state___live____live_state.turn_rx_state_?.["key"]?.valueOf?.() === ""?.valueOf?.()))), () => (!(reflex___state____state__chat_ui___state___chat____chat_state.loading_rx_state_))), () => ((reflex___state____state__chat_ui___state___chat____chat_state.load_error_rx_state_?.valueOf?.() === ""?.valueOf?.()))), () => (!(reflex___state____state__chat_ui___state___chat____chat_state.not_found_rx_state_)))?(children?.at?.(0)):(children?.at?.(1)))
    )
});
Cond_comp_89b431e0b074b474a3e0057424224f73_5985e398.displayName = "Cond";
return Cond_comp_89b431e0b074b474a3e0057424224f73_5985e398;
})();

export const Foreach_comp_501c73f5d935a208e3d31adf0c707f68_5985e398 = /*#__PURE__*/ (() => {
const Foreach_comp_501c73f5d935a208e3d31adf0c707f68_5985e398 = memo(({children}) => {
    const reflex___state____state__chat_ui___state___chat____chat_state = useStateContext("reflex___state____state.chat_ui___state___chat____chat_state")
const { resolvedColorMode } = useContext(ColorModeContext)
const reflex___state____state__chat_ui___state___raw____raw_state = useStateContext("reflex___state____state.chat_ui___state___raw____raw_state")
const reflex___state____state__chat_ui___state___screenshots____screenshot_state = useStateContext("reflex___state____state.chat_ui___state___screenshots____screenshot_state")
const reflex___state____state__chat_ui___state___live____live_state = useStateContext("reflex___state____state.chat_ui___state___live____live_state")
    return(
        Array.prototype.map.call(reflex___state____state__chat_ui___state___chat____chat_state.turns_rx_state_ ?? [],((view_rx_state_,index_7281961c38800c9f2ca4231dce6aaf9c)=>(jsx(RadixThemesBox,{className:"turn","data-status":view_rx_state_?.["status"],"data-testid":"turn",key:index_7281961c38800c9f2ca4231dce6aaf9c},jsx(RadixThemesFlex,{className:"user-row",css:({ ["width"] : "100%" }),justify:"end"},jsx(RadixThemesBox,{className:"user-bubble"},jsx(RadixThemesText,{as:"p",css:({ ["whiteSpace"] : "pre-wrap" }),size:"3"},view_rx_state_?.["prompt"]))),jsx(RadixThemesFlex,{className:"agent-column",direction:"column",gap:"2"},Array.prototype.map.call(view_rx_state_?.["blocks"] ?? [],((view_rx_state_,index_4b328271ebfb9d438ab4e6477f912b8b)=>(jsx(Fragment,{key:index_4b328271ebfb9d438ab4e6477f912b8b},(() => {
  switch (JSON.stringify(view_rx_state_?.["kind"])) {
    case JSON.stringify("thinking"):
      return jsx("details",{"aria-label":"Thinking",className:"card thinking-card","data-state":(view_rx_state_?.["done"] ? "done" : "running"),open:!(view_rx_state_?.["done"])},jsx("summary",{className:"card-summary"},jsx(Fragment,{},(view_rx_state_?.["done"]?(jsx(Fragment,{},jsx(LucideBrain,{size:15},))):(jsx(Fragment,{},jsx(RadixThemesSpinner,{size:"1"},))))),jsx(RadixThemesText,{as:"p",size:"2",weight:"medium"},view_rx_state_?.["duration"]),jsx(LucideChevronDown,{className:"chevron",size:14},)),jsx(RadixThemesBox,{className:"thinking-body"},jsx(LiveText,{done:view_rx_state_?.["done"],format:"plain",streamKey:view_rx_state_?.["key"],text:view_rx_state_?.["text"]},)));
      break;
    case JSON.stringify("tool"):
      return jsx(Fragment,{},jsx("details",{className:"card tool-card","data-status":view_rx_state_?.["tool_status"],"data-testid":"tool-card"},jsx("summary",{className:"card-summary"},jsx(Fragment,{},((view_rx_state_?.["tool_name"]?.valueOf?.() === "sources"?.valueOf?.())?(jsx(Fragment,{},jsx(LucideLibrary,{size:15},))):(jsx(Fragment,{},jsx(LucideSearch,{size:15},))))),jsx(RadixThemesText,{as:"p",className:"mono",size:"2",weight:"medium"},view_rx_state_?.["tool_name"]),jsx(RadixThemesText,{as:"p",className:"truncate tool-args-short",color:"gray",size:"2"},view_rx_state_?.["tool_args_short"]),jsx(RadixThemesFlex,{css:({ ["flex"] : 1, ["justifySelf"] : "stretch", ["alignSelf"] : "stretch" })},),jsx(RadixThemesText,{as:"p",className:"tool-summary",color:"gray",size:"1"},view_rx_state_?.["tool_summary"]),jsx(Fragment,{},(() => {
  switch (JSON.stringify(view_rx_state_?.["tool_status"])) {
    case JSON.stringify("running"):
      return jsx(RadixThemesBadge,{"aria-label":"Tool running",color:"blue",variant:"soft"},jsx(RadixThemesSpinner,{size:"1"},),"Running");
      break;
    case JSON.stringify("error"):
      return jsx(RadixThemesBadge,{"aria-label":"Tool failed",color:"red",variant:"soft"},jsx(LucideCircleX,{size:12},),"Error");
      break;
    default:
      return jsx(RadixThemesBadge,{"aria-label":"Tool done",color:"green",variant:"soft"},jsx(LucideCircleCheck,{size:12},),"Done");
      break;
  }
})()),jsx(LucideChevronDown,{className:"chevron",size:14},)),jsx(RadixThemesBox,{className:"card-body"},jsx(Fragment,{},((view_rx_state_?.["hits"].length > 0)?(jsx(Fragment,{},jsx(RadixThemesBox,{className:"hits"},Array.prototype.map.call(view_rx_state_?.["hits"] ?? [],((hit_rx_state_,index_rx_state_)=>(jsx(RadixThemesBox,{className:"hit",key:index_rx_state_},jsx(RadixThemesFlex,{align:"center",gap:"2"},jsx(RadixThemesBadge,{className:"hit-number",size:"1",variant:"surface"},(index_rx_state_ + 1)),jsx(RadixThemesText,{as:"p",className:"truncate",size:"2",weight:"medium"},hit_rx_state_?.["file"]),jsx(Fragment,{},(!((hit_rx_state_?.["page"]?.valueOf?.() === ""?.valueOf?.()))?(jsx(Fragment,{},jsx(RadixThemesText,{as:"p",color:"gray",size:"1"},("p. "+hit_rx_state_?.["page"])))):(jsx(Fragment,{},)))),jsx(RadixThemesFlex,{css:({ ["flex"] : 1, ["justifySelf"] : "stretch", ["alignSelf"] : "stretch" })},),jsx(Fragment,{},(!((hit_rx_state_?.["score"]?.valueOf?.() === ""?.valueOf?.()))?(jsx(Fragment,{},jsx(RadixThemesText,{as:"p",className:"tabular",color:"gray",size:"1"},("score "+hit_rx_state_?.["score"])))):(jsx(Fragment,{},))))),jsx(RadixThemesText,{as:"p",className:"hit-snippet",color:"gray",size:"1"},hit_rx_state_?.["snippet"])))))))):(jsx(Fragment,{},(view_rx_state_?.["has_result"]?(jsx(Fragment,{},jsx(RadixThemesText,{as:"p",color:"gray",size:"2"},view_rx_state_?.["tool_summary"]))):(jsx(Fragment,{},))))))),jsx(Fragment,{},(!((view_rx_state_?.["hits_left_out"]?.valueOf?.() === ""?.valueOf?.()))?(jsx(Fragment,{},jsx(RadixThemesText,{as:"p",className:"hits-left-out",color:"gray","data-testid":"hits-left-out",size:"1"},view_rx_state_?.["hits_left_out"]))):(jsx(Fragment,{},)))),jsx(Fragment,{},(!(view_rx_state_?.["has_call"])?(jsx(Fragment,{},jsx(RadixThemesText,{as:"p",color:"amber",size:"1"},"No call in the stream was waiting for this result."))):(jsx(Fragment,{},)))),jsx("details",{className:"raw"},jsx("summary",{className:"raw-summary"},jsx(RadixThemesText,{as:"span",size:"1"},"Arguments and raw result")),jsx(RadixThemesText,{as:"p",color:"gray",size:"1",weight:"medium"},"Arguments"),jsx(SyntaxHighlighter,{children:view_rx_state_?.["tool_args"],className:"raw-json",codeTagProps:({ ["style"] : ({ ["whiteSpace"] : "pre-wrap" }) }),language:"json",style:((resolvedColorMode?.valueOf?.() === "light"?.valueOf?.()) ? oneLight : oneDark),wrapLongLines:true},),jsx(Fragment,{},(view_rx_state_?.["has_result"]?(jsx(Fragment,{},jsx(WhenVisible,{onVisible:((...args) => (addEvents([(ReflexEvent("reflex___state____state.chat_ui___state___raw____raw_state.load", ({ ["key"] : view_rx_state_?.["key"] }), ({  })))], args, ({  })))),resetKey:view_rx_state_?.["key"]},jsx(RadixThemesText,{as:"p",color:"gray",size:"1",weight:"medium"},"Result"),jsx(Fragment,{},(!(((isTrue(reflex___state____state__chat_ui___state___raw____raw_state.shown_rx_state_?.[view_rx_state_?.["key"]]) ? reflex___state____state__chat_ui___state___raw____raw_state.shown_rx_state_?.[view_rx_state_?.["key"]] : "")?.valueOf?.() === ""?.valueOf?.()))?(jsx(Fragment,{},jsx(RadixThemesBox,{css:({ ["position"] : "relative" })},jsx(SyntaxHighlighter,{children:(isTrue(reflex___state____state__chat_ui___state___raw____raw_state.shown_rx_state_?.[view_rx_state_?.["key"]]) ? reflex___state____state__chat_ui___state___raw____raw_state.shown_rx_state_?.[view_rx_state_?.["key"]] : ""),className:"raw-json",codeTagProps:({ ["style"] : ({ ["whiteSpace"] : "pre-wrap" }) }),customStyle:({ ["padding"] : "1em 3.2em 1em 1em" }),language:"json",style:((resolvedColorMode?.valueOf?.() === "light"?.valueOf?.()) ? oneLight : oneDark),wrapLongLines:true},),jsx(RadixThemesButton,{"aria-label":"Copy code",css:({ ["position"] : "absolute", ["top"] : "0.5em", ["right"] : "0" }),onClick:((_e) => (addEvents([(ReflexEvent("_call_function", ({ ["function"] : (() => (navigator?.["clipboard"]?.["writeText"]((isTrue(reflex___state____state__chat_ui___state___raw____raw_state.shown_rx_state_?.[view_rx_state_?.["key"]]) ? reflex___state____state__chat_ui___state___raw____raw_state.shown_rx_state_?.[view_rx_state_?.["key"]] : "")))), ["callback"] : null }), ({  })))], [_e], ({  })))),type:"button"},jsx(LucideCopy,{},))),jsx(Fragment,{},(((isTrue(reflex___state____state__chat_ui___state___raw____raw_state.page_count_rx_state_?.[view_rx_state_?.["key"]]) ? reflex___state____state__chat_ui___state___raw____raw_state.page_count_rx_state_?.[view_rx_state_?.["key"]] : 1) > 1)?(jsx(Fragment,{},jsx(RadixThemesFlex,{align:"center",className:"raw-pager",gap:"3"},jsx(RadixThemesButton,{"aria-label":"Previous page of the raw result",color:"gray",disabled:((isTrue(reflex___state____state__chat_ui___state___raw____raw_state.page_no_rx_state_?.[view_rx_state_?.["key"]]) ? reflex___state____state__chat_ui___state___raw____raw_state.page_no_rx_state_?.[view_rx_state_?.["key"]] : 0) <= 0),onClick:((_e) => (addEvents([(ReflexEvent("reflex___state____state.chat_ui___state___raw____raw_state.turn_page", ({ ["key"] : view_rx_state_?.["key"], ["step"] : -1 }), ({  })))], [_e], ({  })))),size:"1",variant:"soft"},jsx(LucideChevronLeft,{size:12},),"Previous"),jsx(RadixThemesText,{as:"p",className:"tabular",color:"gray",size:"1"},(isTrue(reflex___state____state__chat_ui___state___raw____raw_state.page_label_rx_state_?.[view_rx_state_?.["key"]]) ? reflex___state____state__chat_ui___state___raw____raw_state.page_label_rx_state_?.[view_rx_state_?.["key"]] : "")),jsx(RadixThemesButton,{"aria-label":"Next page of the raw result",color:"gray",disabled:(((isTrue(reflex___state____state__chat_ui___state___raw____raw_state.page_no_rx_state_?.[view_rx_state_?.["key"]]) ? reflex___state____state__chat_ui___state___raw____raw_state.page_no_rx_state_?.[view_rx_state_?.["key"]] : 0) + 1) >= (isTrue(reflex___state____state__chat_ui___state___raw____raw_state.page_count_rx_state_?.[view_rx_state_?.["key"]]) ? reflex___state____state__chat_ui___state___raw____raw_state.page_count_rx_state_?.[view_rx_state_?.["key"]] : 1)),onClick:((_e) => (addEvents([(ReflexEvent("reflex___state____state.chat_ui___state___raw____raw_state.turn_page", ({ ["key"] : view_rx_state_?.["key"], ["step"] : 1 }), ({  })))], [_e], ({  })))),size:"1",variant:"soft"},"Next",jsx(LucideChevronRight,{size:12},))))):(jsx(Fragment,{},)))))):(jsx(Fragment,{},jsx(RadixThemesFlex,{align:"center",css:({ ["gap"] : "2" })},jsx(RadixThemesSpinner,{size:"1"},),jsx(RadixThemesText,{as:"p",color:"gray",size:"1"},"Loading result\u2026"))))))))):(jsx(Fragment,{},))))))),jsx(Fragment,{},(pyAnd(!((view_rx_state_?.["image_key"]?.valueOf?.() === ""?.valueOf?.())), () => (reflex___state____state__chat_ui___state___chat____chat_state.capabilities_rx_state_?.["screenshots"]))?(jsx(Fragment,{},jsx("details",{className:"card screenshot-card","data-testid":"screenshot-card"},jsx("summary",{className:"card-summary"},jsx(LucideFileImage,{size:15},),jsx(RadixThemesText,{as:"p",className:"card-title",size:"2",weight:"medium"},"Page screenshot"),jsx(RadixThemesText,{as:"p",className:"truncate",color:"gray",size:"2"},view_rx_state_?.["image_label"]),jsx(LucideChevronDown,{className:"chevron",size:14},)),jsx(WhenVisible,{onVisible:((...args) => (addEvents([(ReflexEvent("reflex___state____state.chat_ui___state___screenshots____screenshot_state.resolve", ({ ["source_id"] : view_rx_state_?.["image_source"], ["attachment_name"] : view_rx_state_?.["image_name"], ["force"] : false }), ({  })))], args, ({  })))),resetKey:view_rx_state_?.["image_key"]},jsx(Fragment,{},(!(((isTrue(reflex___state____state__chat_ui___state___screenshots____screenshot_state.errors_rx_state_?.[view_rx_state_?.["image_key"]]) ? reflex___state____state__chat_ui___state___screenshots____screenshot_state.errors_rx_state_?.[view_rx_state_?.["image_key"]] : "")?.valueOf?.() === ""?.valueOf?.()))?(jsx(Fragment,{},jsx(RadixThemesCallout.Root,{color:"red",css:({ ["icon"] : "triangle-alert" }),role:"alert",size:"1"},jsx(RadixThemesCallout.Icon,{},jsx(LucideTriangleAlert,{},)),jsx(RadixThemesCallout.Text,{},(isTrue(reflex___state____state__chat_ui___state___screenshots____screenshot_state.errors_rx_state_?.[view_rx_state_?.["image_key"]]) ? reflex___state____state__chat_ui___state___screenshots____screenshot_state.errors_rx_state_?.[view_rx_state_?.["image_key"]] : ""))))):(jsx(Fragment,{},(!(((isTrue(reflex___state____state__chat_ui___state___screenshots____screenshot_state.urls_rx_state_?.[view_rx_state_?.["image_key"]]) ? reflex___state____state__chat_ui___state___screenshots____screenshot_state.urls_rx_state_?.[view_rx_state_?.["image_key"]] : "")?.valueOf?.() === ""?.valueOf?.()))?(jsx(Fragment,{},jsx(RadixThemesDialog.Root,{},jsx(RadixThemesDialog.Trigger,{},jsx("button",{"aria-label":"Enlarge page screenshot",className:"screenshot-button"},jsx("img",{alt:view_rx_state_?.["image_label"],className:"screenshot-img",decoding:"async",loading:"lazy",onError:((...args) => (addEvents([(ReflexEvent("reflex___state____state.chat_ui___state___screenshots____screenshot_state.image_failed", ({ ["source_id"] : view_rx_state_?.["image_source"], ["attachment_name"] : view_rx_state_?.["image_name"] }), ({  })))], args, ({  })))),src:((isTrue(reflex___state____state__chat_ui___state___screenshots____screenshot_state.urls_rx_state_?.[view_rx_state_?.["image_key"]]) ? reflex___state____state__chat_ui___state___screenshots____screenshot_state.urls_rx_state_?.[view_rx_state_?.["image_key"]] : "").startsWith("/") ? (getBackendURL(env.PING).origin+(isTrue(reflex___state____state__chat_ui___state___screenshots____screenshot_state.urls_rx_state_?.[view_rx_state_?.["image_key"]]) ? reflex___state____state__chat_ui___state___screenshots____screenshot_state.urls_rx_state_?.[view_rx_state_?.["image_key"]] : "")) : (isTrue(reflex___state____state__chat_ui___state___screenshots____screenshot_state.urls_rx_state_?.[view_rx_state_?.["image_key"]]) ? reflex___state____state__chat_ui___state___screenshots____screenshot_state.urls_rx_state_?.[view_rx_state_?.["image_key"]] : ""))},))),jsx(RadixThemesDialog.Content,{css:({ ["maxWidth"] : "min(96vw, 1000px)" })},jsx(RadixThemesDialog.Title,{css:({ ["size"] : "3" })},view_rx_state_?.["image_label"]),jsx("img",{alt:view_rx_state_?.["image_label"],className:"screenshot-full",src:((isTrue(reflex___state____state__chat_ui___state___screenshots____screenshot_state.urls_rx_state_?.[view_rx_state_?.["image_key"]]) ? reflex___state____state__chat_ui___state___screenshots____screenshot_state.urls_rx_state_?.[view_rx_state_?.["image_key"]] : "").startsWith("/") ? (getBackendURL(env.PING).origin+(isTrue(reflex___state____state__chat_ui___state___screenshots____screenshot_state.urls_rx_state_?.[view_rx_state_?.["image_key"]]) ? reflex___state____state__chat_ui___state___screenshots____screenshot_state.urls_rx_state_?.[view_rx_state_?.["image_key"]] : "")) : (isTrue(reflex___state____state__chat_ui___state___screenshots____screenshot_state.urls_rx_state_?.[view_rx_state_?.["image_key"]]) ? reflex___state____state__chat_ui___state___screenshots____screenshot_state.urls_rx_state_?.[view_rx_state_?.["image_key"]] : ""))},),jsx(RadixThemesDialog.Close,{},jsx(RadixThemesButton,{"aria-label":"Close screenshot",variant:"soft"},"Close")))))):(jsx(Fragment,{},jsx(RadixThemesBox,{"aria-busy":"true",className:"screenshot-placeholder"},jsx(RadixThemesSpinner,{size:"2"},),jsx(RadixThemesText,{as:"p",color:"gray",size:"1"},"Loading page image\u2026"))))))))))))):(jsx(Fragment,{},)))));
      break;
    case JSON.stringify("notice"):
      return jsx(RadixThemesCallout.Root,{className:"notice",color:((view_rx_state_?.["level"]?.valueOf?.() === "warning"?.valueOf?.()) ? "amber" : "gray"),css:({ ["icon"] : ((view_rx_state_?.["level"]?.valueOf?.() === "warning"?.valueOf?.()) ? "triangle-alert" : "info") }),size:"1",variant:"surface"},jsx(RadixThemesCallout.Icon,{},jsx(DynamicIcon,{name:((view_rx_state_?.["level"]?.valueOf?.() === "warning"?.valueOf?.()) ? "triangle-alert" : "info").replaceAll("_", "-")},)),jsx(RadixThemesCallout.Text,{},view_rx_state_?.["text"]));
      break;
    default:
      return jsx(RadixThemesBox,{className:"answer-text"},jsx(Fragment,{},(view_rx_state_?.["done"]?(jsx(Fragment,{},jsx("div",{className:"chat-markdown"},jsx(ReactMarkdown,{components:ComponentMap_75188e580265eabbce1d7df04961df26(),rehypePlugins:[rehypeUnwrapImages],remarkPlugins:[remarkGfm]},view_rx_state_?.["text"])))):(jsx(Fragment,{},jsx(LiveText,{done:view_rx_state_?.["done"],format:"markdown",streamKey:view_rx_state_?.["key"],text:view_rx_state_?.["text"]},))))));
      break;
  }
})())))),jsx(Fragment,{},(!((view_rx_state_?.["skipped"]?.valueOf?.() === ""?.valueOf?.()))?(jsx(Fragment,{},jsx(RadixThemesCallout.Root,{color:"amber",css:({ ["icon"] : "triangle-alert" }),size:"1",variant:"surface"},jsx(RadixThemesCallout.Icon,{},jsx(LucideTriangleAlert,{},)),jsx(RadixThemesCallout.Text,{},("Some indexes could not be searched: "+view_rx_state_?.["skipped"]))))):(jsx(Fragment,{},)))),jsx(Fragment,{},(() => {
  switch (JSON.stringify(view_rx_state_?.["status"])) {
    case JSON.stringify("streaming"):
      return jsx(Fragment,{},(!((view_rx_state_?.["waiting"]?.valueOf?.() === ""?.valueOf?.()))?(jsx(Fragment,{},jsx(RadixThemesCallout.Root,{className:"turn-waiting",color:"amber",css:({ ["icon"] : "hourglass" }),"data-testid":"turn-waiting",role:"status",size:"1",variant:"surface"},jsx(RadixThemesCallout.Icon,{},jsx(LucideHourglass,{},)),jsx(RadixThemesCallout.Text,{},jsx(RadixThemesFlex,{direction:"column",gap:"2"},jsx(RadixThemesText,{as:"p",size:"2"},view_rx_state_?.["waiting"]),jsx(RadixThemesFlex,{align:"center",gap:"3"},jsx(RadixThemesButton,{"aria-label":"Stop waiting",color:"gray",onClick:((_e) => (addEvents([(ReflexEvent("reflex___state____state.chat_ui___state___live____live_state.stop", ({  }), ({  })))], [_e], ({  })))),size:"1",variant:"soft"},jsx(LucideSquare,{size:12},),"Stop"),jsx(RadixThemesFlex,{align:"center",gap:"2"},jsx(RadixThemesSpinner,{size:"1"},),jsx(RadixThemesText,{as:"p",color:"gray",size:"1"},"Waiting\u2026")))))))):(jsx(Fragment,{},jsx(RadixThemesFlex,{align:"center",className:"turn-status",gap:"2"},jsx(RadixThemesSpinner,{size:"1"},),jsx(RadixThemesText,{as:"p",color:"gray",size:"1"},"Answering\u2026"))))));
      break;
    case JSON.stringify("stopped"):
      return jsx(RadixThemesFlex,{align:"center",className:"turn-status","data-testid":"turn-stopped",gap:"2"},jsx(RadixThemesBadge,{color:"gray",variant:"soft"},jsx(LucideSquare,{size:10},),"Stopped"),jsx(RadixThemesButton,{"aria-label":"Retry",disabled:reflex___state____state__chat_ui___state___live____live_state.streaming_rx_state_,onClick:((_e) => (addEvents([(ReflexEvent("reflex___state____state.chat_ui___state___live____live_state.send", ({ ["prompt"] : view_rx_state_?.["prompt"] }), ({  })))], [_e], ({  })))),size:"1",variant:"soft"},jsx(LucideRotateCcw,{size:14},),"Retry"),jsx(RadixThemesButton,{"aria-label":"Edit prompt",onClick:((_e) => (addEvents([(ReflexEvent("reflex___state____state.chat_ui___state___live____live_state.edit_prompt", ({ ["prompt"] : view_rx_state_?.["prompt"] }), ({  })))], [_e], ({  })))),size:"1",variant:"ghost"},jsx(LucidePencil,{size:14},),"Edit"));
      break;
    case JSON.stringify("error"):
      return jsx(RadixThemesCallout.Root,{className:"turn-error",color:"red",css:({ ["icon"] : "circle-alert" }),"data-testid":"turn-error",role:"alert",size:"1"},jsx(RadixThemesCallout.Icon,{},jsx(LucideCircleAlert,{},)),jsx(RadixThemesCallout.Text,{},jsx(RadixThemesFlex,{direction:"column",gap:"2"},jsx(RadixThemesText,{as:"p",size:"2"},view_rx_state_?.["error"]),jsx(RadixThemesFlex,{gap:"2"},jsx(RadixThemesButton,{"aria-label":"Retry",disabled:reflex___state____state__chat_ui___state___live____live_state.streaming_rx_state_,onClick:((_e) => (addEvents([(ReflexEvent("reflex___state____state.chat_ui___state___live____live_state.send", ({ ["prompt"] : view_rx_state_?.["prompt"] }), ({  })))], [_e], ({  })))),size:"1",variant:"soft"},jsx(LucideRotateCcw,{size:14},),"Retry"),jsx(RadixThemesButton,{"aria-label":"Edit prompt",onClick:((_e) => (addEvents([(ReflexEvent("reflex___state____state.chat_ui___state___live____live_state.edit_prompt", ({ ["prompt"] : view_rx_state_?.["prompt"] }), ({  })))], [_e], ({  })))),size:"1",variant:"ghost"},jsx(LucidePencil,{size:14},),"Edit")))));
      break;
    case JSON.stringify("interrupted"):
      return jsx(RadixThemesCallout.Root,{className:"turn-error",color:"amber",css:({ ["icon"] : "unplug" }),"data-testid":"turn-interrupted",role:"alert",size:"1"},jsx(RadixThemesCallout.Icon,{},jsx(LucideUnplug,{},)),jsx(RadixThemesCallout.Text,{},jsx(RadixThemesFlex,{direction:"column",gap:"2"},jsx(RadixThemesText,{as:"p",size:"2"},view_rx_state_?.["error"]),jsx(RadixThemesFlex,{gap:"2"},jsx(RadixThemesButton,{"aria-label":"Retry",disabled:reflex___state____state__chat_ui___state___live____live_state.streaming_rx_state_,onClick:((_e) => (addEvents([(ReflexEvent("reflex___state____state.chat_ui___state___live____live_state.send", ({ ["prompt"] : view_rx_state_?.["prompt"] }), ({  })))], [_e], ({  })))),size:"1",variant:"soft"},jsx(LucideRotateCcw,{size:14},),"Retry"),jsx(RadixThemesButton,{"aria-label":"Edit prompt",onClick:((_e) => (addEvents([(ReflexEvent("reflex___state____state.chat_ui___state___live____live_state.edit_prompt", ({ ["prompt"] : view_rx_state_?.["prompt"] }), ({  })))], [_e], ({  })))),size:"1",variant:"ghost"},jsx(LucidePencil,{size:14},),"Edit")))));
      break;
    default:
      return jsx(Fragment,{},);
      break;
  }
})()),jsx(Fragment,{},(!((view_rx_state_?.["status"]?.valueOf?.() === "streaming"?.valueOf?.()))?(jsx(Fragment,{},jsx(RadixThemesFlex,{align:"center",className:"turn-actions",gap:"3"},jsx(Fragment,{},(!(((view_rx_state_?.["blocks"]).filter((b) => b.kind === 'text' && b.text).map((b) => b.text).join('\n\n')?.valueOf?.() === ""?.valueOf?.()))?(jsx(Fragment,{},jsx(RadixThemesTooltip,{content:"Copy answer"},jsx(RadixThemesIconButton,{"aria-label":"Copy answer",color:"gray",css:({ ["padding"] : "6px" }),onClick:((_e) => {(addEvents([(ReflexEvent("_call_function", ({ ["function"] : (() => (navigator?.["clipboard"]?.["writeText"]((view_rx_state_?.["blocks"]).filter((b) => b.kind === 'text' && b.text).map((b) => b.text).join('\n\n')))), ["callback"] : null }), ({  })))], [_e], ({  })));(addEvents([(ReflexEvent("_call_function", ({ ["function"] : (() => (refs['__toast']?.["success"]("Answer copied", ({ ["duration"] : 1500 })))), ["callback"] : null }), ({  })))], [_e], ({  })));}),size:"1",variant:"ghost"},jsx(LucideCopy,{size:12},))))):(jsx(Fragment,{},)))),jsx(Fragment,{},(pyAnd(reflex___state____state__chat_ui___state___chat____chat_state.capabilities_rx_state_?.["usage"], () => (view_rx_state_?.["has_usage"]))?(jsx(Fragment,{},jsx(RadixThemesFlex,{align:"center","aria-label":"Usage for this answer",className:"usage-line",gap:"1"},jsx(LucideGauge,{size:12},),jsx(RadixThemesText,{as:"p",className:"tabular",size:"1"},view_rx_state_?.["usage_text"])))):(jsx(Fragment,{},))))))):(jsx(Fragment,{},)))))))))
    )
});
Foreach_comp_501c73f5d935a208e3d31adf0c707f68_5985e398.displayName = "Foreach";
return Foreach_comp_501c73f5d935a208e3d31adf0c707f68_5985e398;
})();

export const Foreach_comp_3e1aa0f97af0310cace14e932f852a2a_5985e398 = /*#__PURE__*/ (() => {
const Foreach_comp_3e1aa0f97af0310cace14e932f852a2a_5985e398 = memo(({children}) => {
    const reflex___state____state__chat_ui___state___live____live_state = useStateContext("reflex___state____state.chat_ui___state___live____live_state")
const { resolvedColorMode } = useContext(ColorModeContext)
const reflex___state____state__chat_ui___state___raw____raw_state = useStateContext("reflex___state____state.chat_ui___state___raw____raw_state")
const reflex___state____state__chat_ui___state___chat____chat_state = useStateContext("reflex___state____state.chat_ui___state___chat____chat_state")
const reflex___state____state__chat_ui___state___screenshots____screenshot_state = useStateContext("reflex___state____state.chat_ui___state___screenshots____screenshot_state")
    return(
        Array.prototype.map.call(reflex___state____state__chat_ui___state___live____live_state.recent_rx_state_ ?? [],((view_rx_state_,index_7281961c38800c9f2ca4231dce6aaf9c)=>(jsx(RadixThemesBox,{className:"turn","data-status":view_rx_state_?.["status"],"data-testid":"turn",key:index_7281961c38800c9f2ca4231dce6aaf9c},jsx(RadixThemesFlex,{className:"user-row",css:({ ["width"] : "100%" }),justify:"end"},jsx(RadixThemesBox,{className:"user-bubble"},jsx(RadixThemesText,{as:"p",css:({ ["whiteSpace"] : "pre-wrap" }),size:"3"},view_rx_state_?.["prompt"]))),jsx(RadixThemesFlex,{className:"agent-column",direction:"column",gap:"2"},Array.prototype.map.call(view_rx_state_?.["blocks"] ?? [],((view_rx_state_,index_4b328271ebfb9d438ab4e6477f912b8b)=>(jsx(Fragment,{key:index_4b328271ebfb9d438ab4e6477f912b8b},(() => {
  switch (JSON.stringify(view_rx_state_?.["kind"])) {
    case JSON.stringify("thinking"):
      return jsx("details",{"aria-label":"Thinking",className:"card thinking-card","data-state":(view_rx_state_?.["done"] ? "done" : "running"),open:!(view_rx_state_?.["done"])},jsx("summary",{className:"card-summary"},jsx(Fragment,{},(view_rx_state_?.["done"]?(jsx(Fragment,{},jsx(LucideBrain,{size:15},))):(jsx(Fragment,{},jsx(RadixThemesSpinner,{size:"1"},))))),jsx(RadixThemesText,{as:"p",size:"2",weight:"medium"},view_rx_state_?.["duration"]),jsx(LucideChevronDown,{className:"chevron",size:14},)),jsx(RadixThemesBox,{className:"thinking-body"},jsx(LiveText,{done:view_rx_state_?.["done"],format:"plain",streamKey:view_rx_state_?.["key"],text:view_rx_state_?.["text"]},)));
      break;
    case JSON.stringify("tool"):
      return jsx(Fragment,{},jsx("details",{className:"card tool-card","data-status":view_rx_state_?.["tool_status"],"data-testid":"tool-card"},jsx("summary",{className:"card-summary"},jsx(Fragment,{},((view_rx_state_?.["tool_name"]?.valueOf?.() === "sources"?.valueOf?.())?(jsx(Fragment,{},jsx(LucideLibrary,{size:15},))):(jsx(Fragment,{},jsx(LucideSearch,{size:15},))))),jsx(RadixThemesText,{as:"p",className:"mono",size:"2",weight:"medium"},view_rx_state_?.["tool_name"]),jsx(RadixThemesText,{as:"p",className:"truncate tool-args-short",color:"gray",size:"2"},view_rx_state_?.["tool_args_short"]),jsx(RadixThemesFlex,{css:({ ["flex"] : 1, ["justifySelf"] : "stretch", ["alignSelf"] : "stretch" })},),jsx(RadixThemesText,{as:"p",className:"tool-summary",color:"gray",size:"1"},view_rx_state_?.["tool_summary"]),jsx(Fragment,{},(() => {
  switch (JSON.stringify(view_rx_state_?.["tool_status"])) {
    case JSON.stringify("running"):
      return jsx(RadixThemesBadge,{"aria-label":"Tool running",color:"blue",variant:"soft"},jsx(RadixThemesSpinner,{size:"1"},),"Running");
      break;
    case JSON.stringify("error"):
      return jsx(RadixThemesBadge,{"aria-label":"Tool failed",color:"red",variant:"soft"},jsx(LucideCircleX,{size:12},),"Error");
      break;
    default:
      return jsx(RadixThemesBadge,{"aria-label":"Tool done",color:"green",variant:"soft"},jsx(LucideCircleCheck,{size:12},),"Done");
      break;
  }
})()),jsx(LucideChevronDown,{className:"chevron",size:14},)),jsx(RadixThemesBox,{className:"card-body"},jsx(Fragment,{},((view_rx_state_?.["hits"].length > 0)?(jsx(Fragment,{},jsx(RadixThemesBox,{className:"hits"},Array.prototype.map.call(view_rx_state_?.["hits"] ?? [],((hit_rx_state_,index_rx_state_)=>(jsx(RadixThemesBox,{className:"hit",key:index_rx_state_},jsx(RadixThemesFlex,{align:"center",gap:"2"},jsx(RadixThemesBadge,{className:"hit-number",size:"1",variant:"surface"},(index_rx_state_ + 1)),jsx(RadixThemesText,{as:"p",className:"truncate",size:"2",weight:"medium"},hit_rx_state_?.["file"]),jsx(Fragment,{},(!((hit_rx_state_?.["page"]?.valueOf?.() === ""?.valueOf?.()))?(jsx(Fragment,{},jsx(RadixThemesText,{as:"p",color:"gray",size:"1"},("p. "+hit_rx_state_?.["page"])))):(jsx(Fragment,{},)))),jsx(RadixThemesFlex,{css:({ ["flex"] : 1, ["justifySelf"] : "stretch", ["alignSelf"] : "stretch" })},),jsx(Fragment,{},(!((hit_rx_state_?.["score"]?.valueOf?.() === ""?.valueOf?.()))?(jsx(Fragment,{},jsx(RadixThemesText,{as:"p",className:"tabular",color:"gray",size:"1"},("score "+hit_rx_state_?.["score"])))):(jsx(Fragment,{},))))),jsx(RadixThemesText,{as:"p",className:"hit-snippet",color:"gray",size:"1"},hit_rx_state_?.["snippet"])))))))):(jsx(Fragment,{},(view_rx_state_?.["has_result"]?(jsx(Fragment,{},jsx(RadixThemesText,{as:"p",color:"gray",size:"2"},view_rx_state_?.["tool_summary"]))):(jsx(Fragment,{},))))))),jsx(Fragment,{},(!((view_rx_state_?.["hits_left_out"]?.valueOf?.() === ""?.valueOf?.()))?(jsx(Fragment,{},jsx(RadixThemesText,{as:"p",className:"hits-left-out",color:"gray","data-testid":"hits-left-out",size:"1"},view_rx_state_?.["hits_left_out"]))):(jsx(Fragment,{},)))),jsx(Fragment,{},(!(view_rx_state_?.["has_call"])?(jsx(Fragment,{},jsx(RadixThemesText,{as:"p",color:"amber",size:"1"},"No call in the stream was waiting for this result."))):(jsx(Fragment,{},)))),jsx("details",{className:"raw"},jsx("summary",{className:"raw-summary"},jsx(RadixThemesText,{as:"span",size:"1"},"Arguments and raw result")),jsx(RadixThemesText,{as:"p",color:"gray",size:"1",weight:"medium"},"Arguments"),jsx(SyntaxHighlighter,{children:view_rx_state_?.["tool_args"],className:"raw-json",codeTagProps:({ ["style"] : ({ ["whiteSpace"] : "pre-wrap" }) }),language:"json",style:((resolvedColorMode?.valueOf?.() === "light"?.valueOf?.()) ? oneLight : oneDark),wrapLongLines:true},),jsx(Fragment,{},(view_rx_state_?.["has_result"]?(jsx(Fragment,{},jsx(WhenVisible,{onVisible:((...args) => (addEvents([(ReflexEvent("reflex___state____state.chat_ui___state___raw____raw_state.load", ({ ["key"] : view_rx_state_?.["key"] }), ({  })))], args, ({  })))),resetKey:view_rx_state_?.["key"]},jsx(RadixThemesText,{as:"p",color:"gray",size:"1",weight:"medium"},"Result"),jsx(Fragment,{},(!(((isTrue(reflex___state____state__chat_ui___state___raw____raw_state.shown_rx_state_?.[view_rx_state_?.["key"]]) ? reflex___state____state__chat_ui___state___raw____raw_state.shown_rx_state_?.[view_rx_state_?.["key"]] : "")?.valueOf?.() === ""?.valueOf?.()))?(jsx(Fragment,{},jsx(RadixThemesBox,{css:({ ["position"] : "relative" })},jsx(SyntaxHighlighter,{children:(isTrue(reflex___state____state__chat_ui___state___raw____raw_state.shown_rx_state_?.[view_rx_state_?.["key"]]) ? reflex___state____state__chat_ui___state___raw____raw_state.shown_rx_state_?.[view_rx_state_?.["key"]] : ""),className:"raw-json",codeTagProps:({ ["style"] : ({ ["whiteSpace"] : "pre-wrap" }) }),customStyle:({ ["padding"] : "1em 3.2em 1em 1em" }),language:"json",style:((resolvedColorMode?.valueOf?.() === "light"?.valueOf?.()) ? oneLight : oneDark),wrapLongLines:true},),jsx(RadixThemesButton,{"aria-label":"Copy code",css:({ ["position"] : "absolute", ["top"] : "0.5em", ["right"] : "0" }),onClick:((_e) => (addEvents([(ReflexEvent("_call_function", ({ ["function"] : (() => (navigator?.["clipboard"]?.["writeText"]((isTrue(reflex___state____state__chat_ui___state___raw____raw_state.shown_rx_state_?.[view_rx_state_?.["key"]]) ? reflex___state____state__chat_ui___state___raw____raw_state.shown_rx_state_?.[view_rx_state_?.["key"]] : "")))), ["callback"] : null }), ({  })))], [_e], ({  })))),type:"button"},jsx(LucideCopy,{},))),jsx(Fragment,{},(((isTrue(reflex___state____state__chat_ui___state___raw____raw_state.page_count_rx_state_?.[view_rx_state_?.["key"]]) ? reflex___state____state__chat_ui___state___raw____raw_state.page_count_rx_state_?.[view_rx_state_?.["key"]] : 1) > 1)?(jsx(Fragment,{},jsx(RadixThemesFlex,{align:"center",className:"raw-pager",gap:"3"},jsx(RadixThemesButton,{"aria-label":"Previous page of the raw result",color:"gray",disabled:((isTrue(reflex___state____state__chat_ui___state___raw____raw_state.page_no_rx_state_?.[view_rx_state_?.["key"]]) ? reflex___state____state__chat_ui___state___raw____raw_state.page_no_rx_state_?.[view_rx_state_?.["key"]] : 0) <= 0),onClick:((_e) => (addEvents([(ReflexEvent("reflex___state____state.chat_ui___state___raw____raw_state.turn_page", ({ ["key"] : view_rx_state_?.["key"], ["step"] : -1 }), ({  })))], [_e], ({  })))),size:"1",variant:"soft"},jsx(LucideChevronLeft,{size:12},),"Previous"),jsx(RadixThemesText,{as:"p",className:"tabular",color:"gray",size:"1"},(isTrue(reflex___state____state__chat_ui___state___raw____raw_state.page_label_rx_state_?.[view_rx_state_?.["key"]]) ? reflex___state____state__chat_ui___state___raw____raw_state.page_label_rx_state_?.[view_rx_state_?.["key"]] : "")),jsx(RadixThemesButton,{"aria-label":"Next page of the raw result",color:"gray",disabled:(((isTrue(reflex___state____state__chat_ui___state___raw____raw_state.page_no_rx_state_?.[view_rx_state_?.["key"]]) ? reflex___state____state__chat_ui___state___raw____raw_state.page_no_rx_state_?.[view_rx_state_?.["key"]] : 0) + 1) >= (isTrue(reflex___state____state__chat_ui___state___raw____raw_state.page_count_rx_state_?.[view_rx_state_?.["key"]]) ? reflex___state____state__chat_ui___state___raw____raw_state.page_count_rx_state_?.[view_rx_state_?.["key"]] : 1)),onClick:((_e) => (addEvents([(ReflexEvent("reflex___state____state.chat_ui___state___raw____raw_state.turn_page", ({ ["key"] : view_rx_state_?.["key"], ["step"] : 1 }), ({  })))], [_e], ({  })))),size:"1",variant:"soft"},"Next",jsx(LucideChevronRight,{size:12},))))):(jsx(Fragment,{},)))))):(jsx(Fragment,{},jsx(RadixThemesFlex,{align:"center",css:({ ["gap"] : "2" })},jsx(RadixThemesSpinner,{size:"1"},),jsx(RadixThemesText,{as:"p",color:"gray",size:"1"},"Loading result\u2026"))))))))):(jsx(Fragment,{},))))))),jsx(Fragment,{},(pyAnd(!((view_rx_state_?.["image_key"]?.valueOf?.() === ""?.valueOf?.())), () => (reflex___state____state__chat_ui___state___chat____chat_state.capabilities_rx_state_?.["screenshots"]))?(jsx(Fragment,{},jsx("details",{className:"card screenshot-card","data-testid":"screenshot-card"},jsx("summary",{className:"card-summary"},jsx(LucideFileImage,{size:15},),jsx(RadixThemesText,{as:"p",className:"card-title",size:"2",weight:"medium"},"Page screenshot"),jsx(RadixThemesText,{as:"p",className:"truncate",color:"gray",size:"2"},view_rx_state_?.["image_label"]),jsx(LucideChevronDown,{className:"chevron",size:14},)),jsx(WhenVisible,{onVisible:((...args) => (addEvents([(ReflexEvent("reflex___state____state.chat_ui___state___screenshots____screenshot_state.resolve", ({ ["source_id"] : view_rx_state_?.["image_source"], ["attachment_name"] : view_rx_state_?.["image_name"], ["force"] : false }), ({  })))], args, ({  })))),resetKey:view_rx_state_?.["image_key"]},jsx(Fragment,{},(!(((isTrue(reflex___state____state__chat_ui___state___screenshots____screenshot_state.errors_rx_state_?.[view_rx_state_?.["image_key"]]) ? reflex___state____state__chat_ui___state___screenshots____screenshot_state.errors_rx_state_?.[view_rx_state_?.["image_key"]] : "")?.valueOf?.() === ""?.valueOf?.()))?(jsx(Fragment,{},jsx(RadixThemesCallout.Root,{color:"red",css:({ ["icon"] : "triangle-alert" }),role:"alert",size:"1"},jsx(RadixThemesCallout.Icon,{},jsx(LucideTriangleAlert,{},)),jsx(RadixThemesCallout.Text,{},(isTrue(reflex___state____state__chat_ui___state___screenshots____screenshot_state.errors_rx_state_?.[view_rx_state_?.["image_key"]]) ? reflex___state____state__chat_ui___state___screenshots____screenshot_state.errors_rx_state_?.[view_rx_state_?.["image_key"]] : ""))))):(jsx(Fragment,{},(!(((isTrue(reflex___state____state__chat_ui___state___screenshots____screenshot_state.urls_rx_state_?.[view_rx_state_?.["image_key"]]) ? reflex___state____state__chat_ui___state___screenshots____screenshot_state.urls_rx_state_?.[view_rx_state_?.["image_key"]] : "")?.valueOf?.() === ""?.valueOf?.()))?(jsx(Fragment,{},jsx(RadixThemesDialog.Root,{},jsx(RadixThemesDialog.Trigger,{},jsx("button",{"aria-label":"Enlarge page screenshot",className:"screenshot-button"},jsx("img",{alt:view_rx_state_?.["image_label"],className:"screenshot-img",decoding:"async",loading:"lazy",onError:((...args) => (addEvents([(ReflexEvent("reflex___state____state.chat_ui___state___screenshots____screenshot_state.image_failed", ({ ["source_id"] : view_rx_state_?.["image_source"], ["attachment_name"] : view_rx_state_?.["image_name"] }), ({  })))], args, ({  })))),src:((isTrue(reflex___state____state__chat_ui___state___screenshots____screenshot_state.urls_rx_state_?.[view_rx_state_?.["image_key"]]) ? reflex___state____state__chat_ui___state___screenshots____screenshot_state.urls_rx_state_?.[view_rx_state_?.["image_key"]] : "").startsWith("/") ? (getBackendURL(env.PING).origin+(isTrue(reflex___state____state__chat_ui___state___screenshots____screenshot_state.urls_rx_state_?.[view_rx_state_?.["image_key"]]) ? reflex___state____state__chat_ui___state___screenshots____screenshot_state.urls_rx_state_?.[view_rx_state_?.["image_key"]] : "")) : (isTrue(reflex___state____state__chat_ui___state___screenshots____screenshot_state.urls_rx_state_?.[view_rx_state_?.["image_key"]]) ? reflex___state____state__chat_ui___state___screenshots____screenshot_state.urls_rx_state_?.[view_rx_state_?.["image_key"]] : ""))},))),jsx(RadixThemesDialog.Content,{css:({ ["maxWidth"] : "min(96vw, 1000px)" })},jsx(RadixThemesDialog.Title,{css:({ ["size"] : "3" })},view_rx_state_?.["image_label"]),jsx("img",{alt:view_rx_state_?.["image_label"],className:"screenshot-full",src:((isTrue(reflex___state____state__chat_ui___state___screenshots____screenshot_state.urls_rx_state_?.[view_rx_state_?.["image_key"]]) ? reflex___state____state__chat_ui___state___screenshots____screenshot_state.urls_rx_state_?.[view_rx_state_?.["image_key"]] : "").startsWith("/") ? (getBackendURL(env.PING).origin+(isTrue(reflex___state____state__chat_ui___state___screenshots____screenshot_state.urls_rx_state_?.[view_rx_state_?.["image_key"]]) ? reflex___state____state__chat_ui___state___screenshots____screenshot_state.urls_rx_state_?.[view_rx_state_?.["image_key"]] : "")) : (isTrue(reflex___state____state__chat_ui___state___screenshots____screenshot_state.urls_rx_state_?.[view_rx_state_?.["image_key"]]) ? reflex___state____state__chat_ui___state___screenshots____screenshot_state.urls_rx_state_?.[view_rx_state_?.["image_key"]] : ""))},),jsx(RadixThemesDialog.Close,{},jsx(RadixThemesButton,{"aria-label":"Close screenshot",variant:"soft"},"Close")))))):(jsx(Fragment,{},jsx(RadixThemesBox,{"aria-busy":"true",className:"screenshot-placeholder"},jsx(RadixThemesSpinner,{size:"2"},),jsx(RadixThemesText,{as:"p",color:"gray",size:"1"},"Loading page image\u2026"))))))))))))):(jsx(Fragment,{},)))));
      break;
    case JSON.stringify("notice"):
      return jsx(RadixThemesCallout.Root,{className:"notice",color:((view_rx_state_?.["level"]?.valueOf?.() === "warning"?.valueOf?.()) ? "amber" : "gray"),css:({ ["icon"] : ((view_rx_state_?.["level"]?.valueOf?.() === "warning"?.valueOf?.()) ? "triangle-alert" : "info") }),size:"1",variant:"surface"},jsx(RadixThemesCallout.Icon,{},jsx(DynamicIcon,{name:((view_rx_state_?.["level"]?.valueOf?.() === "warning"?.valueOf?.()) ? "triangle-alert" : "info").replaceAll("_", "-")},)),jsx(RadixThemesCallout.Text,{},view_rx_state_?.["text"]));
      break;
    default:
      return jsx(RadixThemesBox,{className:"answer-text"},jsx(Fragment,{},(view_rx_state_?.["done"]?(jsx(Fragment,{},jsx("div",{className:"chat-markdown"},jsx(ReactMarkdown,{components:ComponentMap_75188e580265eabbce1d7df04961df26(),rehypePlugins:[rehypeUnwrapImages],remarkPlugins:[remarkGfm]},view_rx_state_?.["text"])))):(jsx(Fragment,{},jsx(LiveText,{done:view_rx_state_?.["done"],format:"markdown",streamKey:view_rx_state_?.["key"],text:view_rx_state_?.["text"]},))))));
      break;
  }
})())))),jsx(Fragment,{},(!((view_rx_state_?.["skipped"]?.valueOf?.() === ""?.valueOf?.()))?(jsx(Fragment,{},jsx(RadixThemesCallout.Root,{color:"amber",css:({ ["icon"] : "triangle-alert" }),size:"1",variant:"surface"},jsx(RadixThemesCallout.Icon,{},jsx(LucideTriangleAlert,{},)),jsx(RadixThemesCallout.Text,{},("Some indexes could not be searched: "+view_rx_state_?.["skipped"]))))):(jsx(Fragment,{},)))),jsx(Fragment,{},(() => {
  switch (JSON.stringify(view_rx_state_?.["status"])) {
    case JSON.stringify("streaming"):
      return jsx(Fragment,{},(!((view_rx_state_?.["waiting"]?.valueOf?.() === ""?.valueOf?.()))?(jsx(Fragment,{},jsx(RadixThemesCallout.Root,{className:"turn-waiting",color:"amber",css:({ ["icon"] : "hourglass" }),"data-testid":"turn-waiting",role:"status",size:"1",variant:"surface"},jsx(RadixThemesCallout.Icon,{},jsx(LucideHourglass,{},)),jsx(RadixThemesCallout.Text,{},jsx(RadixThemesFlex,{direction:"column",gap:"2"},jsx(RadixThemesText,{as:"p",size:"2"},view_rx_state_?.["waiting"]),jsx(RadixThemesFlex,{align:"center",gap:"3"},jsx(RadixThemesButton,{"aria-label":"Stop waiting",color:"gray",onClick:((_e) => (addEvents([(ReflexEvent("reflex___state____state.chat_ui___state___live____live_state.stop", ({  }), ({  })))], [_e], ({  })))),size:"1",variant:"soft"},jsx(LucideSquare,{size:12},),"Stop"),jsx(RadixThemesFlex,{align:"center",gap:"2"},jsx(RadixThemesSpinner,{size:"1"},),jsx(RadixThemesText,{as:"p",color:"gray",size:"1"},"Waiting\u2026")))))))):(jsx(Fragment,{},jsx(RadixThemesFlex,{align:"center",className:"turn-status",gap:"2"},jsx(RadixThemesSpinner,{size:"1"},),jsx(RadixThemesText,{as:"p",color:"gray",size:"1"},"Answering\u2026"))))));
      break;
    case JSON.stringify("stopped"):
      return jsx(RadixThemesFlex,{align:"center",className:"turn-status","data-testid":"turn-stopped",gap:"2"},jsx(RadixThemesBadge,{color:"gray",variant:"soft"},jsx(LucideSquare,{size:10},),"Stopped"),jsx(RadixThemesButton,{"aria-label":"Retry",disabled:reflex___state____state__chat_ui___state___live____live_state.streaming_rx_state_,onClick:((_e) => (addEvents([(ReflexEvent("reflex___state____state.chat_ui___state___live____live_state.send", ({ ["prompt"] : view_rx_state_?.["prompt"] }), ({  })))], [_e], ({  })))),size:"1",variant:"soft"},jsx(LucideRotateCcw,{size:14},),"Retry"),jsx(RadixThemesButton,{"aria-label":"Edit prompt",onClick:((_e) => (addEvents([(ReflexEvent("reflex___state____state.chat_ui___state___live____live_state.edit_prompt", ({ ["prompt"] : view_rx_state_?.["prompt"] }), ({  })))], [_e], ({  })))),size:"1",variant:"ghost"},jsx(LucidePencil,{size:14},),"Edit"));
      break;
    case JSON.stringify("error"):
      return jsx(RadixThemesCallout.Root,{className:"turn-error",color:"red",css:({ ["icon"] : "circle-alert" }),"data-testid":"turn-error",role:"alert",size:"1"},jsx(RadixThemesCallout.Icon,{},jsx(LucideCircleAlert,{},)),jsx(RadixThemesCallout.Text,{},jsx(RadixThemesFlex,{direction:"column",gap:"2"},jsx(RadixThemesText,{as:"p",size:"2"},view_rx_state_?.["error"]),jsx(RadixThemesFlex,{gap:"2"},jsx(RadixThemesButton,{"aria-label":"Retry",disabled:reflex___state____state__chat_ui___state___live____live_state.streaming_rx_state_,onClick:((_e) => (addEvents([(ReflexEvent("reflex___state____state.chat_ui___state___live____live_state.send", ({ ["prompt"] : view_rx_state_?.["prompt"] }), ({  })))], [_e], ({  })))),size:"1",variant:"soft"},jsx(LucideRotateCcw,{size:14},),"Retry"),jsx(RadixThemesButton,{"aria-label":"Edit prompt",onClick:((_e) => (addEvents([(ReflexEvent("reflex___state____state.chat_ui___state___live____live_state.edit_prompt", ({ ["prompt"] : view_rx_state_?.["prompt"] }), ({  })))], [_e], ({  })))),size:"1",variant:"ghost"},jsx(LucidePencil,{size:14},),"Edit")))));
      break;
    case JSON.stringify("interrupted"):
      return jsx(RadixThemesCallout.Root,{className:"turn-error",color:"amber",css:({ ["icon"] : "unplug" }),"data-testid":"turn-interrupted",role:"alert",size:"1"},jsx(RadixThemesCallout.Icon,{},jsx(LucideUnplug,{},)),jsx(RadixThemesCallout.Text,{},jsx(RadixThemesFlex,{direction:"column",gap:"2"},jsx(RadixThemesText,{as:"p",size:"2"},view_rx_state_?.["error"]),jsx(RadixThemesFlex,{gap:"2"},jsx(RadixThemesButton,{"aria-label":"Retry",disabled:reflex___state____state__chat_ui___state___live____live_state.streaming_rx_state_,onClick:((_e) => (addEvents([(ReflexEvent("reflex___state____state.chat_ui___state___live____live_state.send", ({ ["prompt"] : view_rx_state_?.["prompt"] }), ({  })))], [_e], ({  })))),size:"1",variant:"soft"},jsx(LucideRotateCcw,{size:14},),"Retry"),jsx(RadixThemesButton,{"aria-label":"Edit prompt",onClick:((_e) => (addEvents([(ReflexEvent("reflex___state____state.chat_ui___state___live____live_state.edit_prompt", ({ ["prompt"] : view_rx_state_?.["prompt"] }), ({  })))], [_e], ({  })))),size:"1",variant:"ghost"},jsx(LucidePencil,{size:14},),"Edit")))));
      break;
    default:
      return jsx(Fragment,{},);
      break;
  }
})()),jsx(Fragment,{},(!((view_rx_state_?.["status"]?.valueOf?.() === "streaming"?.valueOf?.()))?(jsx(Fragment,{},jsx(RadixThemesFlex,{align:"center",className:"turn-actions",gap:"3"},jsx(Fragment,{},(!(((view_rx_state_?.["blocks"]).filter((b) => b.kind === 'text' && b.text).map((b) => b.text).join('\n\n')?.valueOf?.() === ""?.valueOf?.()))?(jsx(Fragment,{},jsx(RadixThemesTooltip,{content:"Copy answer"},jsx(RadixThemesIconButton,{"aria-label":"Copy answer",color:"gray",css:({ ["padding"] : "6px" }),onClick:((_e) => {(addEvents([(ReflexEvent("_call_function", ({ ["function"] : (() => (navigator?.["clipboard"]?.["writeText"]((view_rx_state_?.["blocks"]).filter((b) => b.kind === 'text' && b.text).map((b) => b.text).join('\n\n')))), ["callback"] : null }), ({  })))], [_e], ({  })));(addEvents([(ReflexEvent("_call_function", ({ ["function"] : (() => (refs['__toast']?.["success"]("Answer copied", ({ ["duration"] : 1500 })))), ["callback"] : null }), ({  })))], [_e], ({  })));}),size:"1",variant:"ghost"},jsx(LucideCopy,{size:12},))))):(jsx(Fragment,{},)))),jsx(Fragment,{},(pyAnd(reflex___state____state__chat_ui___state___chat____chat_state.capabilities_rx_state_?.["usage"], () => (view_rx_state_?.["has_usage"]))?(jsx(Fragment,{},jsx(RadixThemesFlex,{align:"center","aria-label":"Usage for this answer",className:"usage-line",gap:"1"},jsx(LucideGauge,{size:12},),jsx(RadixThemesText,{as:"p",className:"tabular",size:"1"},view_rx_state_?.["usage_text"])))):(jsx(Fragment,{},))))))):(jsx(Fragment,{},)))))))))
    )
});
Foreach_comp_3e1aa0f97af0310cace14e932f852a2a_5985e398.displayName = "Foreach";
return Foreach_comp_3e1aa0f97af0310cace14e932f852a2a_5985e398;
})();

export const Bare_comp_ad28220c2466480f98c2fb8f99c3b907_5985e398 = /*#__PURE__*/ (() => {
const Bare_comp_ad28220c2466480f98c2fb8f99c3b907_5985e398 = memo(({children}) => {
    const reflex___state____state__chat_ui___state___live____live_state = useStateContext("reflex___state____state.chat_ui___state___live____live_state")
    return(
        reflex___state____state__chat_ui___state___live____live_state.turn_rx_state_?.["prompt"]
    )
});
Bare_comp_ad28220c2466480f98c2fb8f99c3b907_5985e398.displayName = "Bare";
return Bare_comp_ad28220c2466480f98c2fb8f99c3b907_5985e398;
})();

export const Foreach_comp_21765f348db4c0b1ed12ef24b2a71585_5985e398 = /*#__PURE__*/ (() => {
const Foreach_comp_21765f348db4c0b1ed12ef24b2a71585_5985e398 = memo(({children}) => {
    const reflex___state____state__chat_ui___state___live____live_state = useStateContext("reflex___state____state.chat_ui___state___live____live_state")
const { resolvedColorMode } = useContext(ColorModeContext)
const reflex___state____state__chat_ui___state___raw____raw_state = useStateContext("reflex___state____state.chat_ui___state___raw____raw_state")
const reflex___state____state__chat_ui___state___chat____chat_state = useStateContext("reflex___state____state.chat_ui___state___chat____chat_state")
const reflex___state____state__chat_ui___state___screenshots____screenshot_state = useStateContext("reflex___state____state.chat_ui___state___screenshots____screenshot_state")
    return(
        Array.prototype.map.call(reflex___state____state__chat_ui___state___live____live_state.blocks_rx_state_ ?? [],((view_rx_state_,index_4b328271ebfb9d438ab4e6477f912b8b)=>(jsx(Fragment,{key:index_4b328271ebfb9d438ab4e6477f912b8b},(() => {
  switch (JSON.stringify(view_rx_state_?.["kind"])) {
    case JSON.stringify("thinking"):
      return jsx("details",{"aria-label":"Thinking",className:"card thinking-card","data-state":(view_rx_state_?.["done"] ? "done" : "running"),open:!(view_rx_state_?.["done"])},jsx("summary",{className:"card-summary"},jsx(Fragment,{},(view_rx_state_?.["done"]?(jsx(Fragment,{},jsx(LucideBrain,{size:15},))):(jsx(Fragment,{},jsx(RadixThemesSpinner,{size:"1"},))))),jsx(RadixThemesText,{as:"p",size:"2",weight:"medium"},view_rx_state_?.["duration"]),jsx(LucideChevronDown,{className:"chevron",size:14},)),jsx(RadixThemesBox,{className:"thinking-body"},jsx(LiveText,{done:view_rx_state_?.["done"],format:"plain",streamKey:view_rx_state_?.["key"],text:view_rx_state_?.["text"]},)));
      break;
    case JSON.stringify("tool"):
      return jsx(Fragment,{},jsx("details",{className:"card tool-card","data-status":view_rx_state_?.["tool_status"],"data-testid":"tool-card"},jsx("summary",{className:"card-summary"},jsx(Fragment,{},((view_rx_state_?.["tool_name"]?.valueOf?.() === "sources"?.valueOf?.())?(jsx(Fragment,{},jsx(LucideLibrary,{size:15},))):(jsx(Fragment,{},jsx(LucideSearch,{size:15},))))),jsx(RadixThemesText,{as:"p",className:"mono",size:"2",weight:"medium"},view_rx_state_?.["tool_name"]),jsx(RadixThemesText,{as:"p",className:"truncate tool-args-short",color:"gray",size:"2"},view_rx_state_?.["tool_args_short"]),jsx(RadixThemesFlex,{css:({ ["flex"] : 1, ["justifySelf"] : "stretch", ["alignSelf"] : "stretch" })},),jsx(RadixThemesText,{as:"p",className:"tool-summary",color:"gray",size:"1"},view_rx_state_?.["tool_summary"]),jsx(Fragment,{},(() => {
  switch (JSON.stringify(view_rx_state_?.["tool_status"])) {
    case JSON.stringify("running"):
      return jsx(RadixThemesBadge,{"aria-label":"Tool running",color:"blue",variant:"soft"},jsx(RadixThemesSpinner,{size:"1"},),"Running");
      break;
    case JSON.stringify("error"):
      return jsx(RadixThemesBadge,{"aria-label":"Tool failed",color:"red",variant:"soft"},jsx(LucideCircleX,{size:12},),"Error");
      break;
    default:
      return jsx(RadixThemesBadge,{"aria-label":"Tool done",color:"green",variant:"soft"},jsx(LucideCircleCheck,{size:12},),"Done");
      break;
  }
})()),jsx(LucideChevronDown,{className:"chevron",size:14},)),jsx(RadixThemesBox,{className:"card-body"},jsx(Fragment,{},((view_rx_state_?.["hits"].length > 0)?(jsx(Fragment,{},jsx(RadixThemesBox,{className:"hits"},Array.prototype.map.call(view_rx_state_?.["hits"] ?? [],((hit_rx_state_,index_rx_state_)=>(jsx(RadixThemesBox,{className:"hit",key:index_rx_state_},jsx(RadixThemesFlex,{align:"center",gap:"2"},jsx(RadixThemesBadge,{className:"hit-number",size:"1",variant:"surface"},(index_rx_state_ + 1)),jsx(RadixThemesText,{as:"p",className:"truncate",size:"2",weight:"medium"},hit_rx_state_?.["file"]),jsx(Fragment,{},(!((hit_rx_state_?.["page"]?.valueOf?.() === ""?.valueOf?.()))?(jsx(Fragment,{},jsx(RadixThemesText,{as:"p",color:"gray",size:"1"},("p. "+hit_rx_state_?.["page"])))):(jsx(Fragment,{},)))),jsx(RadixThemesFlex,{css:({ ["flex"] : 1, ["justifySelf"] : "stretch", ["alignSelf"] : "stretch" })},),jsx(Fragment,{},(!((hit_rx_state_?.["score"]?.valueOf?.() === ""?.valueOf?.()))?(jsx(Fragment,{},jsx(RadixThemesText,{as:"p",className:"tabular",color:"gray",size:"1"},("score "+hit_rx_state_?.["score"])))):(jsx(Fragment,{},))))),jsx(RadixThemesText,{as:"p",className:"hit-snippet",color:"gray",size:"1"},hit_rx_state_?.["snippet"])))))))):(jsx(Fragment,{},(view_rx_state_?.["has_result"]?(jsx(Fragment,{},jsx(RadixThemesText,{as:"p",color:"gray",size:"2"},view_rx_state_?.["tool_summary"]))):(jsx(Fragment,{},))))))),jsx(Fragment,{},(!((view_rx_state_?.["hits_left_out"]?.valueOf?.() === ""?.valueOf?.()))?(jsx(Fragment,{},jsx(RadixThemesText,{as:"p",className:"hits-left-out",color:"gray","data-testid":"hits-left-out",size:"1"},view_rx_state_?.["hits_left_out"]))):(jsx(Fragment,{},)))),jsx(Fragment,{},(!(view_rx_state_?.["has_call"])?(jsx(Fragment,{},jsx(RadixThemesText,{as:"p",color:"amber",size:"1"},"No call in the stream was waiting for this result."))):(jsx(Fragment,{},)))),jsx("details",{className:"raw"},jsx("summary",{className:"raw-summary"},jsx(RadixThemesText,{as:"span",size:"1"},"Arguments and raw result")),jsx(RadixThemesText,{as:"p",color:"gray",size:"1",weight:"medium"},"Arguments"),jsx(SyntaxHighlighter,{children:view_rx_state_?.["tool_args"],className:"raw-json",codeTagProps:({ ["style"] : ({ ["whiteSpace"] : "pre-wrap" }) }),language:"json",style:((resolvedColorMode?.valueOf?.() === "light"?.valueOf?.()) ? oneLight : oneDark),wrapLongLines:true},),jsx(Fragment,{},(view_rx_state_?.["has_result"]?(jsx(Fragment,{},jsx(WhenVisible,{onVisible:((...args) => (addEvents([(ReflexEvent("reflex___state____state.chat_ui___state___raw____raw_state.load", ({ ["key"] : view_rx_state_?.["key"] }), ({  })))], args, ({  })))),resetKey:view_rx_state_?.["key"]},jsx(RadixThemesText,{as:"p",color:"gray",size:"1",weight:"medium"},"Result"),jsx(Fragment,{},(!(((isTrue(reflex___state____state__chat_ui___state___raw____raw_state.shown_rx_state_?.[view_rx_state_?.["key"]]) ? reflex___state____state__chat_ui___state___raw____raw_state.shown_rx_state_?.[view_rx_state_?.["key"]] : "")?.valueOf?.() === ""?.valueOf?.()))?(jsx(Fragment,{},jsx(RadixThemesBox,{css:({ ["position"] : "relative" })},jsx(SyntaxHighlighter,{children:(isTrue(reflex___state____state__chat_ui___state___raw____raw_state.shown_rx_state_?.[view_rx_state_?.["key"]]) ? reflex___state____state__chat_ui___state___raw____raw_state.shown_rx_state_?.[view_rx_state_?.["key"]] : ""),className:"raw-json",codeTagProps:({ ["style"] : ({ ["whiteSpace"] : "pre-wrap" }) }),customStyle:({ ["padding"] : "1em 3.2em 1em 1em" }),language:"json",style:((resolvedColorMode?.valueOf?.() === "light"?.valueOf?.()) ? oneLight : oneDark),wrapLongLines:true},),jsx(RadixThemesButton,{"aria-label":"Copy code",css:({ ["position"] : "absolute", ["top"] : "0.5em", ["right"] : "0" }),onClick:((_e) => (addEvents([(ReflexEvent("_call_function", ({ ["function"] : (() => (navigator?.["clipboard"]?.["writeText"]((isTrue(reflex___state____state__chat_ui___state___raw____raw_state.shown_rx_state_?.[view_rx_state_?.["key"]]) ? reflex___state____state__chat_ui___state___raw____raw_state.shown_rx_state_?.[view_rx_state_?.["key"]] : "")))), ["callback"] : null }), ({  })))], [_e], ({  })))),type:"button"},jsx(LucideCopy,{},))),jsx(Fragment,{},(((isTrue(reflex___state____state__chat_ui___state___raw____raw_state.page_count_rx_state_?.[view_rx_state_?.["key"]]) ? reflex___state____state__chat_ui___state___raw____raw_state.page_count_rx_state_?.[view_rx_state_?.["key"]] : 1) > 1)?(jsx(Fragment,{},jsx(RadixThemesFlex,{align:"center",className:"raw-pager",gap:"3"},jsx(RadixThemesButton,{"aria-label":"Previous page of the raw result",color:"gray",disabled:((isTrue(reflex___state____state__chat_ui___state___raw____raw_state.page_no_rx_state_?.[view_rx_state_?.["key"]]) ? reflex___state____state__chat_ui___state___raw____raw_state.page_no_rx_state_?.[view_rx_state_?.["key"]] : 0) <= 0),onClick:((_e) => (addEvents([(ReflexEvent("reflex___state____state.chat_ui___state___raw____raw_state.turn_page", ({ ["key"] : view_rx_state_?.["key"], ["step"] : -1 }), ({  })))], [_e], ({  })))),size:"1",variant:"soft"},jsx(LucideChevronLeft,{size:12},),"Previous"),jsx(RadixThemesText,{as:"p",className:"tabular",color:"gray",size:"1"},(isTrue(reflex___state____state__chat_ui___state___raw____raw_state.page_label_rx_state_?.[view_rx_state_?.["key"]]) ? reflex___state____state__chat_ui___state___raw____raw_state.page_label_rx_state_?.[view_rx_state_?.["key"]] : "")),jsx(RadixThemesButton,{"aria-label":"Next page of the raw result",color:"gray",disabled:(((isTrue(reflex___state____state__chat_ui___state___raw____raw_state.page_no_rx_state_?.[view_rx_state_?.["key"]]) ? reflex___state____state__chat_ui___state___raw____raw_state.page_no_rx_state_?.[view_rx_state_?.["key"]] : 0) + 1) >= (isTrue(reflex___state____state__chat_ui___state___raw____raw_state.page_count_rx_state_?.[view_rx_state_?.["key"]]) ? reflex___state____state__chat_ui___state___raw____raw_state.page_count_rx_state_?.[view_rx_state_?.["key"]] : 1)),onClick:((_e) => (addEvents([(ReflexEvent("reflex___state____state.chat_ui___state___raw____raw_state.turn_page", ({ ["key"] : view_rx_state_?.["key"], ["step"] : 1 }), ({  })))], [_e], ({  })))),size:"1",variant:"soft"},"Next",jsx(LucideChevronRight,{size:12},))))):(jsx(Fragment,{},)))))):(jsx(Fragment,{},jsx(RadixThemesFlex,{align:"center",css:({ ["gap"] : "2" })},jsx(RadixThemesSpinner,{size:"1"},),jsx(RadixThemesText,{as:"p",color:"gray",size:"1"},"Loading result\u2026"))))))))):(jsx(Fragment,{},))))))),jsx(Fragment,{},(pyAnd(!((view_rx_state_?.["image_key"]?.valueOf?.() === ""?.valueOf?.())), () => (reflex___state____state__chat_ui___state___chat____chat_state.capabilities_rx_state_?.["screenshots"]))?(jsx(Fragment,{},jsx("details",{className:"card screenshot-card","data-testid":"screenshot-card"},jsx("summary",{className:"card-summary"},jsx(LucideFileImage,{size:15},),jsx(RadixThemesText,{as:"p",className:"card-title",size:"2",weight:"medium"},"Page screenshot"),jsx(RadixThemesText,{as:"p",className:"truncate",color:"gray",size:"2"},view_rx_state_?.["image_label"]),jsx(LucideChevronDown,{className:"chevron",size:14},)),jsx(WhenVisible,{onVisible:((...args) => (addEvents([(ReflexEvent("reflex___state____state.chat_ui___state___screenshots____screenshot_state.resolve", ({ ["source_id"] : view_rx_state_?.["image_source"], ["attachment_name"] : view_rx_state_?.["image_name"], ["force"] : false }), ({  })))], args, ({  })))),resetKey:view_rx_state_?.["image_key"]},jsx(Fragment,{},(!(((isTrue(reflex___state____state__chat_ui___state___screenshots____screenshot_state.errors_rx_state_?.[view_rx_state_?.["image_key"]]) ? reflex___state____state__chat_ui___state___screenshots____screenshot_state.errors_rx_state_?.[view_rx_state_?.["image_key"]] : "")?.valueOf?.() === ""?.valueOf?.()))?(jsx(Fragment,{},jsx(RadixThemesCallout.Root,{color:"red",css:({ ["icon"] : "triangle-alert" }),role:"alert",size:"1"},jsx(RadixThemesCallout.Icon,{},jsx(LucideTriangleAlert,{},)),jsx(RadixThemesCallout.Text,{},(isTrue(reflex___state____state__chat_ui___state___screenshots____screenshot_state.errors_rx_state_?.[view_rx_state_?.["image_key"]]) ? reflex___state____state__chat_ui___state___screenshots____screenshot_state.errors_rx_state_?.[view_rx_state_?.["image_key"]] : ""))))):(jsx(Fragment,{},(!(((isTrue(reflex___state____state__chat_ui___state___screenshots____screenshot_state.urls_rx_state_?.[view_rx_state_?.["image_key"]]) ? reflex___state____state__chat_ui___state___screenshots____screenshot_state.urls_rx_state_?.[view_rx_state_?.["image_key"]] : "")?.valueOf?.() === ""?.valueOf?.()))?(jsx(Fragment,{},jsx(RadixThemesDialog.Root,{},jsx(RadixThemesDialog.Trigger,{},jsx("button",{"aria-label":"Enlarge page screenshot",className:"screenshot-button"},jsx("img",{alt:view_rx_state_?.["image_label"],className:"screenshot-img",decoding:"async",loading:"lazy",onError:((...args) => (addEvents([(ReflexEvent("reflex___state____state.chat_ui___state___screenshots____screenshot_state.image_failed", ({ ["source_id"] : view_rx_state_?.["image_source"], ["attachment_name"] : view_rx_state_?.["image_name"] }), ({  })))], args, ({  })))),src:((isTrue(reflex___state____state__chat_ui___state___screenshots____screenshot_state.urls_rx_state_?.[view_rx_state_?.["image_key"]]) ? reflex___state____state__chat_ui___state___screenshots____screenshot_state.urls_rx_state_?.[view_rx_state_?.["image_key"]] : "").startsWith("/") ? (getBackendURL(env.PING).origin+(isTrue(reflex___state____state__chat_ui___state___screenshots____screenshot_state.urls_rx_state_?.[view_rx_state_?.["image_key"]]) ? reflex___state____state__chat_ui___state___screenshots____screenshot_state.urls_rx_state_?.[view_rx_state_?.["image_key"]] : "")) : (isTrue(reflex___state____state__chat_ui___state___screenshots____screenshot_state.urls_rx_state_?.[view_rx_state_?.["image_key"]]) ? reflex___state____state__chat_ui___state___screenshots____screenshot_state.urls_rx_state_?.[view_rx_state_?.["image_key"]] : ""))},))),jsx(RadixThemesDialog.Content,{css:({ ["maxWidth"] : "min(96vw, 1000px)" })},jsx(RadixThemesDialog.Title,{css:({ ["size"] : "3" })},view_rx_state_?.["image_label"]),jsx("img",{alt:view_rx_state_?.["image_label"],className:"screenshot-full",src:((isTrue(reflex___state____state__chat_ui___state___screenshots____screenshot_state.urls_rx_state_?.[view_rx_state_?.["image_key"]]) ? reflex___state____state__chat_ui___state___screenshots____screenshot_state.urls_rx_state_?.[view_rx_state_?.["image_key"]] : "").startsWith("/") ? (getBackendURL(env.PING).origin+(isTrue(reflex___state____state__chat_ui___state___screenshots____screenshot_state.urls_rx_state_?.[view_rx_state_?.["image_key"]]) ? reflex___state____state__chat_ui___state___screenshots____screenshot_state.urls_rx_state_?.[view_rx_state_?.["image_key"]] : "")) : (isTrue(reflex___state____state__chat_ui___state___screenshots____screenshot_state.urls_rx_state_?.[view_rx_state_?.["image_key"]]) ? reflex___state____state__chat_ui___state___screenshots____screenshot_state.urls_rx_state_?.[view_rx_state_?.["image_key"]] : ""))},),jsx(RadixThemesDialog.Close,{},jsx(RadixThemesButton,{"aria-label":"Close screenshot",variant:"soft"},"Close")))))):(jsx(Fragment,{},jsx(RadixThemesBox,{"aria-busy":"true",className:"screenshot-placeholder"},jsx(RadixThemesSpinner,{size:"2"},),jsx(RadixThemesText,{as:"p",color:"gray",size:"1"},"Loading page image\u2026"))))))))))))):(jsx(Fragment,{},)))));
      break;
    case JSON.stringify("notice"):
      return jsx(RadixThemesCallout.Root,{className:"notice",color:((view_rx_state_?.["level"]?.valueOf?.() === "warning"?.valueOf?.()) ? "amber" : "gray"),css:({ ["icon"] : ((view_rx_state_?.["level"]?.valueOf?.() === "warning"?.valueOf?.()) ? "triangle-alert" : "info") }),size:"1",variant:"surface"},jsx(RadixThemesCallout.Icon,{},jsx(DynamicIcon,{name:((view_rx_state_?.["level"]?.valueOf?.() === "warning"?.valueOf?.()) ? "triangle-alert" : "info").replaceAll("_", "-")},)),jsx(RadixThemesCallout.Text,{},view_rx_state_?.["text"]));
      break;
    default:
      return jsx(RadixThemesBox,{className:"answer-text"},jsx(Fragment,{},(view_rx_state_?.["done"]?(jsx(Fragment,{},jsx("div",{className:"chat-markdown"},jsx(ReactMarkdown,{components:ComponentMap_75188e580265eabbce1d7df04961df26(),rehypePlugins:[rehypeUnwrapImages],remarkPlugins:[remarkGfm]},view_rx_state_?.["text"])))):(jsx(Fragment,{},jsx(LiveText,{done:view_rx_state_?.["done"],format:"markdown",streamKey:view_rx_state_?.["key"],text:view_rx_state_?.["text"]},))))));
      break;
  }
})()))))
    )
});
Foreach_comp_21765f348db4c0b1ed12ef24b2a71585_5985e398.displayName = "Foreach";
return Foreach_comp_21765f348db4c0b1ed12ef24b2a71585_5985e398;
})();

export const Bare_comp_d31e73b706140da516fd3e0fd132033b_5985e398 = /*#__PURE__*/ (() => {
const Bare_comp_d31e73b706140da516fd3e0fd132033b_5985e398 = memo(({children}) => {
    const reflex___state____state__chat_ui___state___live____live_state = useStateContext("reflex___state____state.chat_ui___state___live____live_state")
    return(
        ("Some indexes could not be searched: "+reflex___state____state__chat_ui___state___live____live_state.turn_rx_state_?.["skipped"])
    )
});
Bare_comp_d31e73b706140da516fd3e0fd132033b_5985e398.displayName = "Bare";
return Bare_comp_d31e73b706140da516fd3e0fd132033b_5985e398;
})();

export const Cond_comp_b01e4560a59580ae214427e71b73351a_5985e398 = /*#__PURE__*/ (() => {
const Cond_comp_b01e4560a59580ae214427e71b73351a_5985e398 = memo(({children}) => {
    const reflex___state____state__chat_ui___state___live____live_state = useStateContext("reflex___state____state.chat_ui___state___live____live_state")
    return(
        (!((reflex___state____state__chat_ui___state___live____live_state.turn_rx_state_?.["skipped"]?.valueOf?.() === ""?.valueOf?.()))?(children?.at?.(0)):(children?.at?.(1)))
    )
});
Cond_comp_b01e4560a59580ae214427e71b73351a_5985e398.displayName = "Cond";
return Cond_comp_b01e4560a59580ae214427e71b73351a_5985e398;
})();

export const Bare_comp_b5b2a1824cb569bebce4163ea2242601_5985e398 = /*#__PURE__*/ (() => {
const Bare_comp_b5b2a1824cb569bebce4163ea2242601_5985e398 = memo(({children}) => {
    const reflex___state____state__chat_ui___state___live____live_state = useStateContext("reflex___state____state.chat_ui___state___live____live_state")
    return(
        reflex___state____state__chat_ui___state___live____live_state.turn_rx_state_?.["waiting"]
    )
});
Bare_comp_b5b2a1824cb569bebce4163ea2242601_5985e398.displayName = "Bare";
return Bare_comp_b5b2a1824cb569bebce4163ea2242601_5985e398;
})();

export const Button_button_20ae1ff136345d7254ca7c038abe55ef_5985e398 = /*#__PURE__*/ (() => {
const Button_button_20ae1ff136345d7254ca7c038abe55ef_5985e398 = memo(({children, ...rest}) => {
    const on_click_e565b52e88db64980a4cc0e305819d14 = useCallback(((_e) => (addEvents([(ReflexEvent("reflex___state____state.chat_ui___state___live____live_state.stop", ({  }), ({  })))], [_e], ({  })))), [addEvents, ReflexEvent])
    return(
        jsx(RadixThemesButton,{...mergeSlotProps(rest, ({ "aria-label":"Stop waiting", color:"gray", onClick:on_click_e565b52e88db64980a4cc0e305819d14, size:"1", variant:"soft" }))},children)
    )
});
Button_button_20ae1ff136345d7254ca7c038abe55ef_5985e398.displayName = "Button";
return Button_button_20ae1ff136345d7254ca7c038abe55ef_5985e398;
})();

export const Cond_comp_3d634c6740787ed514c46c8550cf6b8c_5985e398 = /*#__PURE__*/ (() => {
const Cond_comp_3d634c6740787ed514c46c8550cf6b8c_5985e398 = memo(({children}) => {
    const reflex___state____state__chat_ui___state___live____live_state = useStateContext("reflex___state____state.chat_ui___state___live____live_state")
    return(
        (!((reflex___state____state__chat_ui___state___live____live_state.turn_rx_state_?.["waiting"]?.valueOf?.() === ""?.valueOf?.()))?(children?.at?.(0)):(children?.at?.(1)))
    )
});
Cond_comp_3d634c6740787ed514c46c8550cf6b8c_5985e398.displayName = "Cond";
return Cond_comp_3d634c6740787ed514c46c8550cf6b8c_5985e398;
})();

export const Button_button_2de26f4f12670b22a69bbb4080de62d5_5985e398 = /*#__PURE__*/ (() => {
const Button_button_2de26f4f12670b22a69bbb4080de62d5_5985e398 = memo(({children, ...rest}) => {
    const reflex___state____state__chat_ui___state___live____live_state = useStateContext("reflex___state____state.chat_ui___state___live____live_state")
const on_click_0d0e97481cb48ce58b1f5ae4f85f97cc = useCallback(((_e) => (addEvents([(ReflexEvent("reflex___state____state.chat_ui___state___live____live_state.send", ({ ["prompt"] : reflex___state____state__chat_ui___state___live____live_state.turn_rx_state_?.["prompt"] }), ({  })))], [_e], ({  })))), [addEvents, ReflexEvent, reflex___state____state__chat_ui___state___live____live_state])
    return(
        jsx(RadixThemesButton,{...mergeSlotProps(rest, ({ "aria-label":"Retry", disabled:reflex___state____state__chat_ui___state___live____live_state.streaming_rx_state_, onClick:on_click_0d0e97481cb48ce58b1f5ae4f85f97cc, size:"1", variant:"soft" }))},children)
    )
});
Button_button_2de26f4f12670b22a69bbb4080de62d5_5985e398.displayName = "Button";
return Button_button_2de26f4f12670b22a69bbb4080de62d5_5985e398;
})();

export const Button_button_f968a5666967a469332ed25b76cc9376_5985e398 = /*#__PURE__*/ (() => {
const Button_button_f968a5666967a469332ed25b76cc9376_5985e398 = memo(({children, ...rest}) => {
    const reflex___state____state__chat_ui___state___live____live_state = useStateContext("reflex___state____state.chat_ui___state___live____live_state")
const on_click_7eea3c84ee57d336d584761ede1a0aa0 = useCallback(((_e) => (addEvents([(ReflexEvent("reflex___state____state.chat_ui___state___live____live_state.edit_prompt", ({ ["prompt"] : reflex___state____state__chat_ui___state___live____live_state.turn_rx_state_?.["prompt"] }), ({  })))], [_e], ({  })))), [addEvents, ReflexEvent, reflex___state____state__chat_ui___state___live____live_state])
    return(
        jsx(RadixThemesButton,{...mergeSlotProps(rest, ({ "aria-label":"Edit prompt", onClick:on_click_7eea3c84ee57d336d584761ede1a0aa0, size:"1", variant:"ghost" }))},children)
    )
});
Button_button_f968a5666967a469332ed25b76cc9376_5985e398.displayName = "Button";
return Button_button_f968a5666967a469332ed25b76cc9376_5985e398;
})();

export const Bare_comp_61f01788bc75cf3b2ad457ac04aeff86_5985e398 = /*#__PURE__*/ (() => {
const Bare_comp_61f01788bc75cf3b2ad457ac04aeff86_5985e398 = memo(({children}) => {
    const reflex___state____state__chat_ui___state___live____live_state = useStateContext("reflex___state____state.chat_ui___state___live____live_state")
    return(
        reflex___state____state__chat_ui___state___live____live_state.turn_rx_state_?.["error"]
    )
});
Bare_comp_61f01788bc75cf3b2ad457ac04aeff86_5985e398.displayName = "Bare";
return Bare_comp_61f01788bc75cf3b2ad457ac04aeff86_5985e398;
})();

export const Match_comp_f990eb7ae3f5e6f8102164b30495248e_5985e398 = /*#__PURE__*/ (() => {
const Match_comp_f990eb7ae3f5e6f8102164b30495248e_5985e398 = memo(({children}) => {
    const reflex___state____state__chat_ui___state___live____live_state = useStateContext("reflex___state____state.chat_ui___state___live____live_state")
    return(
        (() => {
  switch (JSON.stringify(reflex___state____state__chat_ui___state___live____live_state.turn_rx_state_?.["status"])) {
    case JSON.stringify("streaming"):
      return children?.at?.(0);
      break;
    case JSON.stringify("stopped"):
      return children?.at?.(1);
      break;
    case JSON.stringify("error"):
      return children?.at?.(2);
      break;
    case JSON.stringify("interrupted"):
      return children?.at?.(3);
      break;
    default:
      return children?.at?.(4);
      break;
  }
})()
    )
});
Match_comp_f990eb7ae3f5e6f8102164b30495248e_5985e398.displayName = "Match";
return Match_comp_f990eb7ae3f5e6f8102164b30495248e_5985e398;
})();

export const Tooltip_tooltip_aab1644a15c8afd599543c2514dec4a5_5985e398 = /*#__PURE__*/ (() => {
const Tooltip_tooltip_aab1644a15c8afd599543c2514dec4a5_5985e398 = memo(({children, ...rest}) => {
    const reflex___state____state__chat_ui___state___live____live_state = useStateContext("reflex___state____state.chat_ui___state___live____live_state")
    return(
        jsx(RadixThemesTooltip,{...mergeSlotProps(rest, ({ content:"Copy answer" }))},jsx(RadixThemesIconButton,{"aria-label":"Copy answer",color:"gray",css:({ ["padding"] : "6px" }),onClick:((_e) => {(addEvents([(ReflexEvent("_call_function", ({ ["function"] : (() => (navigator?.["clipboard"]?.["writeText"]((reflex___state____state__chat_ui___state___live____live_state.blocks_rx_state_).filter((b) => b.kind === 'text' && b.text).map((b) => b.text).join('\n\n')))), ["callback"] : null }), ({  })))], [_e], ({  })));(addEvents([(ReflexEvent("_call_function", ({ ["function"] : (() => (refs['__toast']?.["success"]("Answer copied", ({ ["duration"] : 1500 })))), ["callback"] : null }), ({  })))], [_e], ({  })));}),size:"1",variant:"ghost"},jsx(LucideCopy,{size:12},)))
    )
});
Tooltip_tooltip_aab1644a15c8afd599543c2514dec4a5_5985e398.displayName = "Tooltip";
return Tooltip_tooltip_aab1644a15c8afd599543c2514dec4a5_5985e398;
})();

export const Cond_comp_bf35447561ecb06bc1fd8ac1dfaa9b18_5985e398 = /*#__PURE__*/ (() => {
const Cond_comp_bf35447561ecb06bc1fd8ac1dfaa9b18_5985e398 = memo(({children}) => {
    const reflex___state____state__chat_ui___state___live____live_state = useStateContext("reflex___state____state.chat_ui___state___live____live_state")
    return(
        (!(((reflex___state____state__chat_ui___state___live____live_state.blocks_rx_state_).filter((b) => b.kind === 'text' && b.text).map((b) => b.text).join('\n\n')?.valueOf?.() === ""?.valueOf?.()))?(children?.at?.(0)):(children?.at?.(1)))
    )
});
Cond_comp_bf35447561ecb06bc1fd8ac1dfaa9b18_5985e398.displayName = "Cond";
return Cond_comp_bf35447561ecb06bc1fd8ac1dfaa9b18_5985e398;
})();

export const Bare_comp_c1aabd8573e6528b5844f8be44b200ea_5985e398 = /*#__PURE__*/ (() => {
const Bare_comp_c1aabd8573e6528b5844f8be44b200ea_5985e398 = memo(({children}) => {
    const reflex___state____state__chat_ui___state___live____live_state = useStateContext("reflex___state____state.chat_ui___state___live____live_state")
    return(
        reflex___state____state__chat_ui___state___live____live_state.turn_rx_state_?.["usage_text"]
    )
});
Bare_comp_c1aabd8573e6528b5844f8be44b200ea_5985e398.displayName = "Bare";
return Bare_comp_c1aabd8573e6528b5844f8be44b200ea_5985e398;
})();

export const Cond_comp_a5a89a533c89b3998d5cbc4d76d787bb_5985e398 = /*#__PURE__*/ (() => {
const Cond_comp_a5a89a533c89b3998d5cbc4d76d787bb_5985e398 = memo(({children}) => {
    const reflex___state____state__chat_ui___state___chat____chat_state = useStateContext("reflex___state____state.chat_ui___state___chat____chat_state")
const reflex___state____state__chat_ui___state___live____live_state = useStateContext("reflex___state____state.chat_ui___state___live____live_state")
    return(
        (pyAnd(reflex___state____state__chat_ui___state___chat____chat_state.capabilities_rx_state_?.["usage"], () => (reflex___state____state__chat_ui___state___live____live_state.turn_rx_state_?.["has_usage"]))?(children?.at?.(0)):(children?.at?.(1)))
    )
});
Cond_comp_a5a89a533c89b3998d5cbc4d76d787bb_5985e398.displayName = "Cond";
return Cond_comp_a5a89a533c89b3998d5cbc4d76d787bb_5985e398;
})();

export const Cond_comp_71b85faba2e94313e05cfed97e0605e7_5985e398 = /*#__PURE__*/ (() => {
const Cond_comp_71b85faba2e94313e05cfed97e0605e7_5985e398 = memo(({children}) => {
    const reflex___state____state__chat_ui___state___live____live_state = useStateContext("reflex___state____state.chat_ui___state___live____live_state")
    return(
        (!((reflex___state____state__chat_ui___state___live____live_state.turn_rx_state_?.["status"]?.valueOf?.() === "streaming"?.valueOf?.()))?(children?.at?.(0)):(children?.at?.(1)))
    )
});
Cond_comp_71b85faba2e94313e05cfed97e0605e7_5985e398.displayName = "Cond";
return Cond_comp_71b85faba2e94313e05cfed97e0605e7_5985e398;
})();

export const Box_box_609f110fa614d2d26d8f2f0a5e1f5bef_5985e398 = /*#__PURE__*/ (() => {
const Box_box_609f110fa614d2d26d8f2f0a5e1f5bef_5985e398 = memo(({children, ...rest}) => {
    const reflex___state____state__chat_ui___state___live____live_state = useStateContext("reflex___state____state.chat_ui___state___live____live_state")
    return(
        jsx(RadixThemesBox,{...mergeSlotProps(rest, ({ className:"turn", "data-status":reflex___state____state__chat_ui___state___live____live_state.turn_rx_state_?.["status"], "data-testid":"turn" }))},children)
    )
});
Box_box_609f110fa614d2d26d8f2f0a5e1f5bef_5985e398.displayName = "Box";
return Box_box_609f110fa614d2d26d8f2f0a5e1f5bef_5985e398;
})();

export const Cond_comp_272f4e749dfb766c56d839d804ecc4b7_5985e398 = /*#__PURE__*/ (() => {
const Cond_comp_272f4e749dfb766c56d839d804ecc4b7_5985e398 = memo(({children}) => {
    const reflex___state____state__chat_ui___state___live____live_state = useStateContext("reflex___state____state.chat_ui___state___live____live_state")
    return(
        (!((reflex___state____state__chat_ui___state___live____live_state.turn_rx_state_?.["key"]?.valueOf?.() === ""?.valueOf?.()))?(children?.at?.(0)):(children?.at?.(1)))
    )
});
Cond_comp_272f4e749dfb766c56d839d804ecc4b7_5985e398.displayName = "Cond";
return Cond_comp_272f4e749dfb766c56d839d804ecc4b7_5985e398;
})();

export const Followscroll_followscroll_f5f1cb1814b8185f1b6fdd88c431f9c3_5985e398 = /*#__PURE__*/ (() => {
const Followscroll_followscroll_f5f1cb1814b8185f1b6fdd88c431f9c3_5985e398 = memo(({children, ...rest}) => {
    const reflex___state____state__chat_ui___state___live____live_state = useStateContext("reflex___state____state.chat_ui___state___live____live_state")
    return(
        jsx(FollowScroll,{...mergeSlotProps(rest, ({ className:"scroller", pinSignal:reflex___state____state__chat_ui___state___live____live_state.pin_signal_rx_state_ }))},children)
    )
});
Followscroll_followscroll_f5f1cb1814b8185f1b6fdd88c431f9c3_5985e398.displayName = "FollowScroll";
return Followscroll_followscroll_f5f1cb1814b8185f1b6fdd88c431f9c3_5985e398;
})();

export const Foreach_comp_fc774a09d8ca2535802a25c44ddf3f12_5985e398 = /*#__PURE__*/ (() => {
const Foreach_comp_fc774a09d8ca2535802a25c44ddf3f12_5985e398 = memo(({children}) => {
    const reflex___state____state__chat_ui___state___chat____chat_state = useStateContext("reflex___state____state.chat_ui___state___chat____chat_state")
    return(
        Array.prototype.map.call(reflex___state____state__chat_ui___state___chat____chat_state.bound_index_ids_rx_state_ ?? [],((index_id_rx_state_,index_9886d0d2bf1a92694a41910573831613)=>(jsx(RadixThemesBadge,{key:index_9886d0d2bf1a92694a41910573831613,size:"2",variant:"soft"},jsx(LucideLock,{size:11},),(isTrue(reflex___state____state__chat_ui___state___chat____chat_state.index_names_rx_state_?.[index_id_rx_state_]) ? reflex___state____state__chat_ui___state___chat____chat_state.index_names_rx_state_?.[index_id_rx_state_] : index_id_rx_state_)))))
    )
});
Foreach_comp_fc774a09d8ca2535802a25c44ddf3f12_5985e398.displayName = "Foreach";
return Foreach_comp_fc774a09d8ca2535802a25c44ddf3f12_5985e398;
})();

export const Foreach_comp_5a790c3e798b683e65d1e0be317b4ecf_5985e398 = /*#__PURE__*/ (() => {
const Foreach_comp_5a790c3e798b683e65d1e0be317b4ecf_5985e398 = memo(({children}) => {
    const reflex___state____state__chat_ui___state___chat____chat_state = useStateContext("reflex___state____state.chat_ui___state___chat____chat_state")
    return(
        Array.prototype.map.call(reflex___state____state__chat_ui___state___chat____chat_state.indexes_rx_state_ ?? [],((index_rx_state_,index_a29ce11f0fa80addd9ad94c5ac2669e1)=>(jsx(RadixThemesTooltip,{content:(!((index_rx_state_?.["description"]?.valueOf?.() === ""?.valueOf?.())) ? index_rx_state_?.["description"] : index_rx_state_?.["id"]),key:index_a29ce11f0fa80addd9ad94c5ac2669e1},jsx("button",{"aria-label":("Index "+index_rx_state_?.["name"]),"aria-pressed":reflex___state____state__chat_ui___state___chat____chat_state.selected_index_ids_rx_state_.includes(index_rx_state_?.["id"]),className:"index-chip","data-selected":reflex___state____state__chat_ui___state___chat____chat_state.selected_index_ids_rx_state_.includes(index_rx_state_?.["id"]),onClick:((_e) => (addEvents([(ReflexEvent("reflex___state____state.chat_ui___state___chat____chat_state.toggle_index", ({ ["index_id"] : index_rx_state_?.["id"] }), ({  })))], [_e], ({  })))),type:"button"},jsx(Fragment,{},(reflex___state____state__chat_ui___state___chat____chat_state.selected_index_ids_rx_state_.includes(index_rx_state_?.["id"])?(jsx(Fragment,{},jsx(LucideCheck,{size:12},))):(jsx(Fragment,{},jsx(LucidePlus,{size:12},))))),index_rx_state_?.["name"])))))
    )
});
Foreach_comp_5a790c3e798b683e65d1e0be317b4ecf_5985e398.displayName = "Foreach";
return Foreach_comp_5a790c3e798b683e65d1e0be317b4ecf_5985e398;
})();

export const Tooltip_tooltip_7013e9b431351430482b313cd6b13819_5985e398 = /*#__PURE__*/ (() => {
const Tooltip_tooltip_7013e9b431351430482b313cd6b13819_5985e398 = memo(({children, ...rest}) => {
    const reflex___state____state__chat_ui___state___chat____chat_state = useStateContext("reflex___state____state.chat_ui___state___chat____chat_state")
    return(
        jsx(RadixThemesTooltip,{...mergeSlotProps(rest, ({ content:"Bind the new chat to these indexes; they cannot change after the first message." }))},jsx(RadixThemesFlex,{align:"center",gap:"1"},jsx(RadixThemesSwitch,{"aria-label":"Lock indexes to this chat",checked:reflex___state____state__chat_ui___state___chat____chat_state.bind_indexes_rx_state_,onCheckedChange:((_ev_0) => (addEvents([(ReflexEvent("reflex___state____state.chat_ui___state___chat____chat_state.set_bind_indexes", ({ ["value"] : _ev_0 }), ({  })))], [_ev_0], ({  })))),size:"1"},),jsx(RadixThemesText,{as:"p",color:"gray",size:"1"},"Lock to chat")))
    )
});
Tooltip_tooltip_7013e9b431351430482b313cd6b13819_5985e398.displayName = "Tooltip";
return Tooltip_tooltip_7013e9b431351430482b313cd6b13819_5985e398;
})();

export const Cond_comp_b7eb7c9fbe51ece840d6fb56b043ab4c_5985e398 = /*#__PURE__*/ (() => {
const Cond_comp_b7eb7c9fbe51ece840d6fb56b043ab4c_5985e398 = memo(({children}) => {
    const reflex___state____state__chat_ui___state___chat____chat_state = useStateContext("reflex___state____state.chat_ui___state___chat____chat_state")
    return(
        ((reflex___state____state__chat_ui___state___chat____chat_state.current_id_rx_state_?.valueOf?.() === ""?.valueOf?.())?(children?.at?.(0)):(children?.at?.(1)))
    )
});
Cond_comp_b7eb7c9fbe51ece840d6fb56b043ab4c_5985e398.displayName = "Cond";
return Cond_comp_b7eb7c9fbe51ece840d6fb56b043ab4c_5985e398;
})();

export const Cond_comp_14758999acfdceb73151fecd7c363947_5985e398 = /*#__PURE__*/ (() => {
const Cond_comp_14758999acfdceb73151fecd7c363947_5985e398 = memo(({children}) => {
    const reflex___state____state__chat_ui___state___chat____chat_state = useStateContext("reflex___state____state.chat_ui___state___chat____chat_state")
    return(
        (reflex___state____state__chat_ui___state___chat____chat_state.index_locked_rx_state_?(children?.at?.(0)):(children?.at?.(1)))
    )
});
Cond_comp_14758999acfdceb73151fecd7c363947_5985e398.displayName = "Cond";
return Cond_comp_14758999acfdceb73151fecd7c363947_5985e398;
})();

export const Bare_comp_9ac366d95007b5ae4f1d53f415bf81ca_5985e398 = /*#__PURE__*/ (() => {
const Bare_comp_9ac366d95007b5ae4f1d53f415bf81ca_5985e398 = memo(({children}) => {
    const reflex___state____state__chat_ui___state___chat____chat_state = useStateContext("reflex___state____state.chat_ui___state___chat____chat_state")
    return(
        reflex___state____state__chat_ui___state___chat____chat_state.indexes_error_rx_state_
    )
});
Bare_comp_9ac366d95007b5ae4f1d53f415bf81ca_5985e398.displayName = "Bare";
return Bare_comp_9ac366d95007b5ae4f1d53f415bf81ca_5985e398;
})();

export const Cond_comp_3c8a35de48e2a7903fd9a585f307fcb7_5985e398 = /*#__PURE__*/ (() => {
const Cond_comp_3c8a35de48e2a7903fd9a585f307fcb7_5985e398 = memo(({children}) => {
    const reflex___state____state__chat_ui___state___chat____chat_state = useStateContext("reflex___state____state.chat_ui___state___chat____chat_state")
    return(
        (!((reflex___state____state__chat_ui___state___chat____chat_state.indexes_error_rx_state_?.valueOf?.() === ""?.valueOf?.()))?(children?.at?.(0)):(children?.at?.(1)))
    )
});
Cond_comp_3c8a35de48e2a7903fd9a585f307fcb7_5985e398.displayName = "Cond";
return Cond_comp_3c8a35de48e2a7903fd9a585f307fcb7_5985e398;
})();

export const Cond_comp_a354a2abe7811aff74b4c1fa4430173c_5985e398 = /*#__PURE__*/ (() => {
const Cond_comp_a354a2abe7811aff74b4c1fa4430173c_5985e398 = memo(({children}) => {
    const reflex___state____state__chat_ui___state___chat____chat_state = useStateContext("reflex___state____state.chat_ui___state___chat____chat_state")
    return(
        (pyAnd(pyAnd(reflex___state____state__chat_ui___state___chat____chat_state.indexes_loaded_rx_state_, () => ((reflex___state____state__chat_ui___state___chat____chat_state.indexes_rx_state_.length?.valueOf?.() === 0?.valueOf?.()))), () => ((reflex___state____state__chat_ui___state___chat____chat_state.indexes_error_rx_state_?.valueOf?.() === ""?.valueOf?.())))?(children?.at?.(0)):(children?.at?.(1)))
    )
});
Cond_comp_a354a2abe7811aff74b4c1fa4430173c_5985e398.displayName = "Cond";
return Cond_comp_a354a2abe7811aff74b4c1fa4430173c_5985e398;
})();

export const Cond_comp_dcbdf979499a1eab05f804b6eae42f0e_5985e398 = /*#__PURE__*/ (() => {
const Cond_comp_dcbdf979499a1eab05f804b6eae42f0e_5985e398 = memo(({children}) => {
    const reflex___state____state__chat_ui___state___chat____chat_state = useStateContext("reflex___state____state.chat_ui___state___chat____chat_state")
    return(
        (reflex___state____state__chat_ui___state___chat____chat_state.capabilities_rx_state_?.["index_binding"]?(children?.at?.(0)):(children?.at?.(1)))
    )
});
Cond_comp_dcbdf979499a1eab05f804b6eae42f0e_5985e398.displayName = "Cond";
return Cond_comp_dcbdf979499a1eab05f804b6eae42f0e_5985e398;
})();

export const Bare_comp_2659ac937ada4713085a4fb7e0a7f6c6_5985e398 = /*#__PURE__*/ (() => {
const Bare_comp_2659ac937ada4713085a4fb7e0a7f6c6_5985e398 = memo(({children}) => {
    const reflex___state____state__chat_ui___state___live____live_state = useStateContext("reflex___state____state.chat_ui___state___live____live_state")
    return(
        reflex___state____state__chat_ui___state___live____live_state.send_error_rx_state_
    )
});
Bare_comp_2659ac937ada4713085a4fb7e0a7f6c6_5985e398.displayName = "Bare";
return Bare_comp_2659ac937ada4713085a4fb7e0a7f6c6_5985e398;
})();

export const Iconbutton_iconbutton_502ee672be31b14ebe3857b7627a1c20_5985e398 = /*#__PURE__*/ (() => {
const Iconbutton_iconbutton_502ee672be31b14ebe3857b7627a1c20_5985e398 = memo(({children, ...rest}) => {
    const on_click_0c62b105ea8ab006246a64a7d296c8f1 = useCallback(((_e) => (addEvents([(ReflexEvent("reflex___state____state.chat_ui___state___live____live_state.dismiss_error", ({  }), ({  })))], [_e], ({  })))), [addEvents, ReflexEvent])
    return(
        jsx(RadixThemesIconButton,{...mergeSlotProps(rest, ({ "aria-label":"Dismiss", css:({ ["padding"] : "6px" }), onClick:on_click_0c62b105ea8ab006246a64a7d296c8f1, size:"1", variant:"ghost" }))},children)
    )
});
Iconbutton_iconbutton_502ee672be31b14ebe3857b7627a1c20_5985e398.displayName = "IconButton";
return Iconbutton_iconbutton_502ee672be31b14ebe3857b7627a1c20_5985e398;
})();

export const Cond_comp_4032f9163181d9d59b0478572cec865c_5985e398 = /*#__PURE__*/ (() => {
const Cond_comp_4032f9163181d9d59b0478572cec865c_5985e398 = memo(({children}) => {
    const reflex___state____state__chat_ui___state___live____live_state = useStateContext("reflex___state____state.chat_ui___state___live____live_state")
    return(
        (!((reflex___state____state__chat_ui___state___live____live_state.send_error_rx_state_?.valueOf?.() === ""?.valueOf?.()))?(children?.at?.(0)):(children?.at?.(1)))
    )
});
Cond_comp_4032f9163181d9d59b0478572cec865c_5985e398.displayName = "Cond";
return Cond_comp_4032f9163181d9d59b0478572cec865c_5985e398;
})();

export const Composer_composer_32ea077297f719642030944200c19501_5985e398 = /*#__PURE__*/ (() => {
const Composer_composer_32ea077297f719642030944200c19501_5985e398 = memo(({children, ...rest}) => {
    const on_send_2b13be0836876358f7ade1d408940188 = useCallback(((_ev_0) => (addEvents([(ReflexEvent("reflex___state____state.chat_ui___state___live____live_state.send", ({ ["prompt"] : _ev_0 }), ({  })))], [_ev_0], ({  })))), [addEvents, ReflexEvent])
const on_stop_b91ec90c62ec54378ba37c947b6c1820 = useCallback(((...args) => (addEvents([(ReflexEvent("reflex___state____state.chat_ui___state___live____live_state.stop", ({  }), ({  })))], args, ({  })))), [addEvents, ReflexEvent])
const reflex___state____state__chat_ui___state___live____live_state = useStateContext("reflex___state____state.chat_ui___state___live____live_state")
const reflex___state____state__chat_ui___state___chat____chat_state = useStateContext("reflex___state____state.chat_ui___state___chat____chat_state")
    return(
        jsx(Composer,{...mergeSlotProps(rest, ({ disabled:pyAnd(pyAnd(reflex___state____state__chat_ui___state___chat____chat_state.capabilities_rx_state_?.["index_binding"], () => (!(reflex___state____state__chat_ui___state___chat____chat_state.indexes_loaded_rx_state_))), () => ((reflex___state____state__chat_ui___state___chat____chat_state.indexes_error_rx_state_?.valueOf?.() === ""?.valueOf?.()))), disabledReason:"Loading indexes\u2026", draft:reflex___state____state__chat_ui___state___live____live_state.draft_rx_state_, draftSeq:reflex___state____state__chat_ui___state___live____live_state.draft_seq_rx_state_, limit:1000, onSend:on_send_2b13be0836876358f7ade1d408940188, onStop:on_stop_b91ec90c62ec54378ba37c947b6c1820, placeholder:"Ask about your documents\u2026", streaming:reflex___state____state__chat_ui___state___live____live_state.streaming_rx_state_ }))},)
    )
});
Composer_composer_32ea077297f719642030944200c19501_5985e398.displayName = "Composer";
return Composer_composer_32ea077297f719642030944200c19501_5985e398;
})();

export const Bare_comp_a0a27188454cf15a259e6bdbc8569c68_5985e398 = /*#__PURE__*/ (() => {
const Bare_comp_a0a27188454cf15a259e6bdbc8569c68_5985e398 = memo(({children}) => {
    const reflex___state____state__chat_ui___state___live____live_state = useStateContext("reflex___state____state.chat_ui___state___live____live_state")
    return(
        reflex___state____state__chat_ui___state___live____live_state.announcement_rx_state_
    )
});
Bare_comp_a0a27188454cf15a259e6bdbc8569c68_5985e398.displayName = "Bare";
return Bare_comp_a0a27188454cf15a259e6bdbc8569c68_5985e398;
})();

export const Bare_comp_72dad48e6b1fd7f7d7125c0fdc1ffe45_5985e398 = /*#__PURE__*/ (() => {
const Bare_comp_72dad48e6b1fd7f7d7125c0fdc1ffe45_5985e398 = memo(({children}) => {
    const reflex___state____state__chat_ui___state___sessions____sessions_state = useStateContext("reflex___state____state.chat_ui___state___sessions____sessions_state")
    return(
        reflex___state____state__chat_ui___state___sessions____sessions_state.confirm_title_rx_state_
    )
});
Bare_comp_72dad48e6b1fd7f7d7125c0fdc1ffe45_5985e398.displayName = "Bare";
return Bare_comp_72dad48e6b1fd7f7d7125c0fdc1ffe45_5985e398;
})();

export const Button_button_9ea180bf5304754d2440869cfe87e5b1_5985e398 = /*#__PURE__*/ (() => {
const Button_button_9ea180bf5304754d2440869cfe87e5b1_5985e398 = memo(({children, ...rest}) => {
    const on_click_f621082ffaa0fa6387dcdb70cc87b68e = useCallback(((_e) => (addEvents([(ReflexEvent("reflex___state____state.chat_ui___state___sessions____sessions_state.confirm_delete", ({  }), ({  })))], [_e], ({  })))), [addEvents, ReflexEvent])
const reflex___state____state__chat_ui___state___sessions____sessions_state = useStateContext("reflex___state____state.chat_ui___state___sessions____sessions_state")
    return(
        jsx(RadixThemesButton,{...mergeSlotProps(rest, ({ "aria-label":"Confirm delete", color:"red", loading:reflex___state____state__chat_ui___state___sessions____sessions_state.deleting_rx_state_, onClick:on_click_f621082ffaa0fa6387dcdb70cc87b68e }))},children)
    )
});
Button_button_9ea180bf5304754d2440869cfe87e5b1_5985e398.displayName = "Button";
return Button_button_9ea180bf5304754d2440869cfe87e5b1_5985e398;
})();

export const Alertdialogroot_alertdialog__root_ff495cb4ad6a8bca858d5061d6b3444b_5985e398 = /*#__PURE__*/ (() => {
const Alertdialogroot_alertdialog__root_ff495cb4ad6a8bca858d5061d6b3444b_5985e398 = memo(({children, ...rest}) => {
    const on_open_change_1c9893cbe6c37dfa4c9363cb54c44f01 = useCallback(((_ev_0) => (addEvents([(ReflexEvent("reflex___state____state.chat_ui___state___sessions____sessions_state.set_confirm_open", ({ ["value"] : _ev_0 }), ({  })))], [_ev_0], ({  })))), [addEvents, ReflexEvent])
const reflex___state____state__chat_ui___state___sessions____sessions_state = useStateContext("reflex___state____state.chat_ui___state___sessions____sessions_state")
    return(
        jsx(RadixThemesAlertDialog.Root,{...mergeSlotProps(rest, ({ onOpenChange:on_open_change_1c9893cbe6c37dfa4c9363cb54c44f01, open:!((reflex___state____state__chat_ui___state___sessions____sessions_state.confirm_id_rx_state_?.valueOf?.() === ""?.valueOf?.())) }))},children)
    )
});
Alertdialogroot_alertdialog__root_ff495cb4ad6a8bca858d5061d6b3444b_5985e398.displayName = "AlertDialogRoot";
return Alertdialogroot_alertdialog__root_ff495cb4ad6a8bca858d5061d6b3444b_5985e398;
})();
