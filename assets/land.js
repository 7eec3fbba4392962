// "/" is served the chat page's pre-rendered HTML (chat_ui/prerender.py): before the app's modules
// run, the address becomes the route that HTML was rendered for, so React Router hydrates it as is.
if (location.pathname === "/") history.replaceState(history.state, "", "/chat" + location.search + location.hash);
