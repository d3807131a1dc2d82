// Light, dark, or the system's choice (prefers-color-scheme), remembered in localStorage.
const THEME_ITEM = "copilot-relay.theme";
const MODES = ["system", "light", "dark"];

function stored() {
  try {
    const mode = localStorage.getItem(THEME_ITEM);
    return MODES.includes(mode) ? mode : "system";
  } catch {
    return "system";
  }
}

/** Applies the remembered theme and makes the button cycle system → light → dark. */
export function setupTheme(button, label) {
  let mode = stored();
  const apply = () => {
    if (mode === "system") delete document.documentElement.dataset.theme;
    else document.documentElement.dataset.theme = mode;
    label.textContent = `Theme: ${mode}`;
    button.title = "Switch between the system's theme, light and dark";
  };
  apply();
  button.addEventListener("click", () => {
    mode = MODES[(MODES.indexOf(mode) + 1) % MODES.length];
    try {
      localStorage.setItem(THEME_ITEM, mode);
    } catch {
      // Storage blocked: the choice lasts for this page.
    }
    apply();
  });
}
