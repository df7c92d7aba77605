import { searchRules } from "../../src/search/search-rules.ts";
import { usePaths } from "../paths.ts";

/** The sidebar's search box: every room the person reads (GET /search), and the switcher's button. */
export const SidebarSearch = () => {
  const { to } = usePaths();
  return (
    <div class="sidebar-search">
      <search>
        <form method="get" action={to("/search")}>
          <label for="sidebar-search-q" class="visually-hidden">
            Search messages in your rooms
          </label>
          <input
            type="search"
            id="sidebar-search-q"
            name="q"
            placeholder="Search messages"
            maxlength={searchRules.maxLength}
            required
            autocomplete="off"
          />
        </form>
      </search>
      {/* Shown by static/quick-switcher.js: without script there is nothing to open. */}
      <button type="button" class="switcher-open" aria-keyshortcuts="Control+K Meta+K" hidden>
        Jump to a room <kbd>Ctrl K</kbd>
      </button>
    </div>
  );
};

/**
 * Ctrl+K (⌘K): a dialog that filters the sidebar's rooms and direct messages by name as one types;
 * arrows choose, Enter opens, Escape closes and focus goes back where it was. static/quick-switcher.js
 * fills the list from the sidebar's own links, so it needs no request of its own.
 */
export const QuickSwitcher = () => (
  <dialog class="switcher" aria-labelledby="switcher-title">
    <form method="dialog" class="switcher-form">
      <h2 id="switcher-title">Jump to a room</h2>
      <label for="switcher-q" class="visually-hidden">
        Room or person
      </label>
      <input
        type="text"
        id="switcher-q"
        role="combobox"
        aria-expanded="true"
        aria-controls="switcher-rooms"
        aria-autocomplete="list"
        autocomplete="off"
        placeholder="Type a room or a person"
      />
      <div id="switcher-rooms" class="switcher-rooms" role="listbox" aria-label="Rooms" />
      <p class="switcher-none" hidden>
        No room or conversation of yours has that name.
      </p>
      <p class="switcher-help">
        <kbd>↑</kbd> <kbd>↓</kbd> to choose, <kbd>Enter</kbd> to open, <kbd>Esc</kbd> to close
      </p>
    </form>
  </dialog>
);
