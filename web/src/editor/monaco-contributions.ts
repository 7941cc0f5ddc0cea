/**
 * The editor contributions the playground uses that are not needed to show the config and
 * type into it: completion, hover, find, comment toggling, bracket matching, error
 * navigation, clipboard, folding, snippets, Ctrl+M. Each registers
 * itself with Monaco's EditorExtensionsRegistry when this module runs; they are about two
 * thirds of the code Monaco's own chunk would otherwise compile and run before the editor
 * can mount, so monaco.ts loads this module right after the first mount and re-creates
 * the editor around the same model (Monaco instantiates contributions only when an
 * editor is constructed).
 *
 * The modules after those register the services of these contributions (peek view, symbol
 * navigation, marker navigation, suggest memory) under the stand-ins late-services.ts put
 * in place before Monaco's services were first used.
 */
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
import "monaco-editor/editor/contrib/peekView/browser/peekView";
import "monaco-editor/editor/contrib/gotoSymbol/browser/symbolNavigation";
import "monaco-editor/editor/contrib/gotoError/browser/markerNavigationService";
import "monaco-editor/editor/contrib/suggest/browser/suggestMemory";
