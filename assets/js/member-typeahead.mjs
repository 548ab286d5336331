// Progressive enhancement for long selects marked data-app-typeahead (the register of members): a combobox that
// filters the options as you type, following the WAI-ARIA "combobox with listbox popup" pattern.
//
// Without JavaScript the plain GOV.UK select works on its own. With it, the select stays in the form (hidden) and
// holds the chosen value, so the server sees exactly the same submission. The new input takes over the select's
// id, so the label and the error summary link land on it.
//
// Words come from data attributes on the select where given (data-app-typeahead-one, -many, -none, -none-status,
// -chosen, -label; "{n}" and "{label}" are filled in), so the same script speaks Welsh on a Welsh page and says
// "councillor" to the public. data-app-typeahead-always names option values listed after every search, such as
// "Not listed".
//
// Keys: type to filter; Down/Up move through the matches; Enter or Tab chooses the highlighted match (Enter also
// chooses the only match); Escape closes the list.

const MAX_SHOWN = 50;

function words(text) {
  return text.toLocaleLowerCase("en-GB").split(/\s+/).filter(Boolean);
}

const DEFAULT_WORDS = {
  label: "Matching members",
  one: "{n} member matches. Use the up and down arrows to choose.",
  many: "{n} members match. Use the up and down arrows to choose.",
  none: "No members on the register match what you typed.",
  noneStatus: "No members match.",
  chosen: "{label} chosen.",
};

function wordsFor(select) {
  const data = select.dataset;
  const pick = (key, name) => data[`appTypeahead${key}`] || DEFAULT_WORDS[name];
  return {
    label: pick("Label", "label"),
    one: pick("One", "one"),
    many: pick("Many", "many"),
    none: pick("None", "none"),
    noneStatus: pick("NoneStatus", "noneStatus"),
    chosen: pick("Chosen", "chosen"),
  };
}

function enhance(select) {
  const id = select.id;
  const say = wordsFor(select);
  const always = (select.dataset.appTypeaheadAlways || "").split(/\s+/).filter(Boolean);
  const all = Array.from(select.options)
    .filter((option) => option.value !== "")
    .map((option) => ({ value: option.value, label: option.text, search: option.text.toLocaleLowerCase("en-GB") }));
  const options = all.filter((option) => !always.includes(option.value));
  const pinned = all.filter((option) => always.includes(option.value));

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
  list.setAttribute("aria-label", say.label);
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
  let foundCount = 0;
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
    const exact = all.find((option) => option.search === input.value.trim().toLocaleLowerCase("en-GB"));
    select.value = exact ? exact.value : "";
    if (!query.length) {
      matches = [];
      close();
      status.textContent = "";
      return;
    }
    const found = options.filter((option) => query.every((word) => option.search.includes(word)));
    foundCount = found.length;
    matches = [...found.slice(0, MAX_SHOWN - pinned.length), ...pinned];
    active = -1;
    if (found.length) {
      list.hidden = false;
      none.hidden = true;
      input.setAttribute("aria-expanded", "true");
      render();
      const n = found.length;
      status.textContent = (n === 1 ? say.one : say.many).replace("{n}", n);
    } else {
      none.textContent = say.none;
      none.hidden = false;
      status.textContent = say.noneStatus;
      if (pinned.length) {
        list.hidden = false;
        input.setAttribute("aria-expanded", "true");
        render();
      } else {
        close();
        none.hidden = false;
      }
    }
  }

  function choose(index) {
    const option = matches[index];
    if (!option) return;
    input.value = option.label;
    select.value = option.value;
    close();
    status.textContent = say.chosen.replace("{label}", option.label);
  }

  function move(step) {
    if (list.hidden) {
      if (!input.value.trim()) {
        matches = [...options.slice(0, MAX_SHOWN - pinned.length), ...pinned];
        foundCount = matches.length;
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
        if (!list.hidden && (active >= 0 || foundCount === 1)) {
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
