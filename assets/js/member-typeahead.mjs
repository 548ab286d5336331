// Progressive enhancement for long selects marked data-app-typeahead (the register of members): a combobox that
// filters the options as you type, following the WAI-ARIA "combobox with listbox popup" pattern.
//
// Without JavaScript the plain GOV.UK select works on its own. With it, the select stays in the form (hidden) and
// holds the chosen value, so the server sees exactly the same submission. The new input takes over the select's
// id, so the label and the error summary link land on it.
//
// Keys: type to filter; Down/Up move through the matches; Enter or Tab chooses the highlighted match (Enter also
// chooses the only match); Escape closes the list.

const MAX_SHOWN = 50;

function words(text) {
  return text.toLocaleLowerCase("en-GB").split(/\s+/).filter(Boolean);
}

function enhance(select) {
  const id = select.id;
  const options = Array.from(select.options)
    .filter((option) => option.value !== "")
    .map((option) => ({ value: option.value, label: option.text, search: option.text.toLocaleLowerCase("en-GB") }));

  const wrapper = document.createElement("div");
  wrapper.className = "app-typeahead";

  const input = document.createElement("input");
  input.type = "text";
  input.className = "govuk-input app-typeahead__input";
  if (select.classList.contains("govuk-select--error")) input.classList.add("govuk-input--error");
  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-expanded", "false");
  input.setAttribute("autocomplete", "off");
  input.setAttribute("autocapitalize", "none");
  input.spellcheck = false;

  const list = document.createElement("ul");
  list.id = `${id}-listbox`;
  list.className = "app-typeahead__list";
  list.setAttribute("role", "listbox");
  list.setAttribute("aria-label", "Matching members");
  list.hidden = true;
  input.setAttribute("aria-controls", list.id);

  const none = document.createElement("p");
  none.className = "govuk-body app-typeahead__none";
  none.hidden = true;

  const status = document.createElement("div");
  status.className = "govuk-visually-hidden";
  status.setAttribute("role", "status");
  status.setAttribute("aria-live", "polite");

  const describedBy = select.getAttribute("aria-describedby");
  if (describedBy) input.setAttribute("aria-describedby", describedBy);

  // Hand the id (and so the <label for> and error-summary link) to the new input.
  select.id = `${id}-select`;
  select.removeAttribute("aria-describedby");
  select.hidden = true;
  select.tabIndex = -1;
  select.setAttribute("aria-hidden", "true");
  input.id = id;

  const chosen = options.find((option) => option.value === select.value);
  input.value = chosen ? chosen.label : "";

  select.insertAdjacentElement("afterend", wrapper);
  wrapper.append(input, list, none, status);

  let matches = [];
  let active = -1;

  function close() {
    list.hidden = true;
    none.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  }

  function render() {
    list.replaceChildren(
      ...matches.slice(0, MAX_SHOWN).map((option, index) => {
        const item = document.createElement("li");
        item.id = `${id}-option-${index}`;
        item.className = "app-typeahead__option";
        item.setAttribute("role", "option");
        item.setAttribute("aria-selected", index === active ? "true" : "false");
        if (index === active) item.classList.add("app-typeahead__option--active");
        item.textContent = option.label;
        item.addEventListener("mousedown", (event) => event.preventDefault()); // keep focus in the input
        item.addEventListener("click", () => choose(index));
        return item;
      }),
    );
    if (active >= 0) {
      input.setAttribute("aria-activedescendant", `${id}-option-${active}`);
      list.children[active]?.scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }

  function filter() {
    const query = words(input.value);
    const exact = options.find((option) => option.search === input.value.trim().toLocaleLowerCase("en-GB"));
    select.value = exact ? exact.value : "";
    if (!query.length) {
      matches = [];
      close();
      status.textContent = "";
      return;
    }
    matches = options.filter((option) => query.every((word) => option.search.includes(word)));
    active = -1;
    if (matches.length) {
      list.hidden = false;
      none.hidden = true;
      input.setAttribute("aria-expanded", "true");
      render();
      const n = matches.length;
      status.textContent = `${n} ${n === 1 ? "member matches" : "members match"}. Use the up and down arrows to choose.`;
    } else {
      close();
      none.textContent = "No members on the register match what you typed.";
      none.hidden = false;
      status.textContent = "No members match.";
    }
  }

  function choose(index) {
    const option = matches[index];
    if (!option) return;
    input.value = option.label;
    select.value = option.value;
    close();
    status.textContent = `${option.label} chosen.`;
  }

  function move(step) {
    if (list.hidden) {
      if (!input.value.trim()) {
        matches = options.slice();
        list.hidden = false;
        input.setAttribute("aria-expanded", "true");
      } else {
        filter();
      }
    }
    if (!matches.length) return;
    const last = Math.min(matches.length, MAX_SHOWN) - 1;
    active = active < 0 ? (step > 0 ? 0 : last) : Math.max(0, Math.min(last, active + step));
    render();
  }

  input.addEventListener("input", filter);
  input.addEventListener("keydown", (event) => {
    switch (event.key) {
      case "ArrowDown":
        event.preventDefault();
        move(1);
        break;
      case "ArrowUp":
        event.preventDefault();
        move(-1);
        break;
      case "Enter":
        if (!list.hidden && (active >= 0 || matches.length === 1)) {
          event.preventDefault(); // choose, do not submit the form yet
          choose(active >= 0 ? active : 0);
        }
        break;
      case "Tab":
        if (!list.hidden && active >= 0) choose(active);
        else close();
        break;
      case "Escape":
        if (!list.hidden) {
          event.preventDefault();
          close();
        }
        break;
      default:
        break;
    }
  });
  input.addEventListener("blur", () => {
    // A click on an option is handled before blur thanks to mousedown.preventDefault; anything else closes.
    window.setTimeout(close, 0);
  });
}

document.querySelectorAll("select[data-app-typeahead]").forEach(enhance);
