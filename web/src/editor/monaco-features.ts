/**
 * The editor features the playground uses, by the paths of their modules inside
 * monaco-editor (checked against monaco-editor 0.57.0; a Monaco upgrade re-checks this
 * list and nothing else). `monaco-editor/editor` is the bare editor; each module below
 * registers its feature with Monaco when it runs, so importing them before the first
 * editor is created is all it takes. Word highlight, hover, completion, find, comment
 * toggling, bracket matching, problem navigation (F8), clipboard, folding, snippets (the
 * completion's function arguments) and Ctrl+M (Tab moves the focus).
 */
import "monaco-editor/editor/contrib/wordHighlighter/browser/wordHighlighter";
import "monaco-editor/editor/contrib/hover/browser/hoverContribution";
import "monaco-editor/editor/contrib/suggest/browser/suggestController";
import "monaco-editor/editor/contrib/find/browser/findController";
import "monaco-editor/editor/contrib/comment/browser/comment";
import "monaco-editor/editor/contrib/bracketMatching/browser/bracketMatching";
import "monaco-editor/editor/contrib/gotoError/browser/gotoError";
import "monaco-editor/editor/contrib/clipboard/browser/clipboard";
import "monaco-editor/editor/contrib/folding/browser/folding";
import "monaco-editor/editor/contrib/snippet/browser/snippetController2";
import "monaco-editor/editor/contrib/toggleTabFocusMode/browser/toggleTabFocusMode";
