// The room's page on participants' phones. It talks only to the JSON API of the laptop
// that served it (docs/room-devices.md), and it puts text on the page only through
// textContent, so nothing anyone types is ever read as markup.
"use strict";

(function () {
  var TOKEN_KEY = "bigdesk-room-token";
  var POLL_MS = 2000;
  var HIDDEN_POLL_MS = 10000;
  var NEW_NAME = "\u0000new";
  var LEVEL_NAMES = ["N/A", "1", "2", "3", "4", "5"];

  var token = null;
  var state = null;
  var fetching = false;
  var shown = {};

  function $(id) { return document.getElementById(id); }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  function show(id, visible) { $(id).hidden = !visible; }

  function say(message, problem) {
    var status = $("status");
    status.textContent = message || "";
    status.hidden = !message;
    status.className = problem ? "problem" : "";
  }

  function remember(value) {
    token = value;
    try {
      if (value) { localStorage.setItem(TOKEN_KEY, value); } else { localStorage.removeItem(TOKEN_KEY); }
    } catch (ignored) { /* private browsing: the token lives as long as the page */ }
  }

  function recall() {
    try { return localStorage.getItem(TOKEN_KEY); } catch (ignored) { return null; }
  }

  // -- every call to the laptop: JSON in, JSON out, and the laptop's own message on a refusal
  function call(method, path, body) {
    var options = { method: method, headers: {}, cache: "no-store", credentials: "omit" };
    if (body !== undefined) {
      options.headers["Content-Type"] = "application/json";
      options.body = JSON.stringify(body);
    }
    return fetch(path, options).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (data) {
        if (!response.ok) {
          var error = new Error(data.error || "The laptop did not accept that (" + response.status + ").");
          error.status = response.status;
          throw error;
        }
        return data;
      });
    }, function () {
      throw new Error("The laptop cannot be reached: check you are on the room's network.");
    });
  }

  function post(path, body) {
    body.token = token;
    return call("POST", path, body).then(function (answer) {
      say("");
      refresh();
      return answer;
    }, problem);
  }

  function problem(error) {
    if (error.status === 401) {
      remember(null);
      state = null;
      showJoin();
    }
    say(error.message, true);
  }

  // ---------------------------------------------------------------- joining

  // -- the QR code's address carries the join code after "#", which never reaches the server
  function codeFromAddress() {
    return (location.hash || "").replace(/[^0-9]/g, "").slice(0, 6);
  }

  function showJoin() {
    ["scores", "votes", "points", "poll", "results", "waiting"].forEach(function (id) { show(id, false); });
    $("you").hidden = true;
    show("join", true);
    var code = $("code");
    if (!code.value) { code.value = codeFromAddress(); }
    if (code.value.length === 6) { loadNames(); } else { code.focus(); }
  }

  function loadNames() {
    var code = $("code").value.trim();
    if (code.length !== 6) { return; }
    call("POST", "/api/names", { code: code }).then(function (answer) {
      say("");
      $("anonymous-note").hidden = !answer.anonymous;
      show("name-part", !answer.anonymous);
      var pick = $("pick");
      while (pick.options.length > 1) { pick.remove(1); }
      answer.names.forEach(function (name) {
        var option = el("option", "", name);
        option.value = name;
        pick.appendChild(option);
      });
      var other = el("option", "", "My name is not listed");
      other.value = NEW_NAME;
      pick.appendChild(other);
      $("new-name-part").hidden = answer.names.length > 0;
      if (!answer.names.length) { pick.value = NEW_NAME; }
    }, function (error) { say(error.message, true); });
  }

  function join(event) {
    event.preventDefault();
    var code = $("code").value.trim();
    var pick = $("pick").value;
    var name = pick === NEW_NAME || pick === "" ? $("name").value.trim() : pick;
    var body = { code: code };
    if (!$("name-part").hidden) {
      if (!name) { say("Pick your name, or type it.", true); return; }
      body.name = name;
    }
    $("join-button").disabled = true;
    call("POST", "/api/join", body).then(function (answer) {
      remember(answer.token);
      say("");
      show("join", false);
      history.replaceState(null, "", location.pathname);
      refresh();
    }, function (error) { say(error.message, true); }).then(function () {
      $("join-button").disabled = false;
    });
  }

  // ---------------------------------------------------------------- what is open

  function refresh() {
    if (!token || fetching) { return; }
    fetching = true;
    call("GET", "/api/state?token=" + encodeURIComponent(token)).then(function (answer) {
      state = answer;
      render();
    }, function (error) {
      if (error.status === 401) { problem(error); } else { say(error.message, true); }
    }).then(function () { fetching = false; });
  }

  function render() {
    $("title").textContent = state.workshop || "BIG Desk";
    $("you").textContent = "You are " + state.you;
    $("you").hidden = !state.you;
    var open = state.open;
    renderSection("scores", open.scores, state.dimensions, renderScores);
    renderSection("votes", open.votes, state.votes, renderVotes);
    renderSection("points", open.points, state.points, renderPoints);
    renderSection("poll", open.poll, state.poll, renderPoll);
    var results = state.results || {};
    var anyResults = Object.keys(results).some(function (key) { return results[key] !== null; });
    renderSection("results", anyResults, results, renderResults);
    show("waiting", !open.scores && !open.votes && !open.points && !open.poll && !anyResults);
  }

  // -- a section is redrawn only when what it shows changed, so a thumb mid-tap or a
  //    half-written point is never disturbed by the next refresh
  function renderSection(id, visible, data, draw) {
    show(id, Boolean(visible && data));
    if (!visible || !data) { shown[id] = null; return; }
    var signature = JSON.stringify(data);
    if (shown[id] === signature) { return; }
    shown[id] = signature;
    draw(data);
  }

  // ---------------------------------------------------------------- scores

  function levelRow(dimension, which, label) {
    var row = el("div", "levels");
    row.setAttribute("role", "group");
    row.setAttribute("aria-label", label + ": " + dimension.name);
    row.appendChild(el("span", "which", label));
    var chosen = dimension[which];
    [1, 2, 3, 4, 5, 0].forEach(function (level) {
      var button = el("button", "", LEVEL_NAMES[level]);
      button.type = "button";
      button.setAttribute("aria-pressed", chosen === level ? "true" : "false");
      button.setAttribute("aria-label", label + " " + (level === 0 ? "not applicable" : "level " + level));
      button.dataset.dimension = dimension.key;
      button.dataset.which = which;
      button.dataset.level = String(level);
      button.addEventListener("click", function () {
        var body = { dimension: dimension.key };
        body[which] = chosen === level ? null : level;
        post("/api/scores", body);
      });
      row.appendChild(button);
    });
    return row;
  }

  function anchorText(dimension, level) {
    if (level === null || level === undefined) { return ""; }
    if (level === 0) { return "Not applicable here."; }
    var text = dimension.levels[level - 1];
    return "Level " + level + (text ? ": " + text : "");
  }

  function renderScores(dimensions) {
    var list = $("dimension-list");
    list.textContent = "";
    dimensions.forEach(function (dimension) {
      var card = el("article", "dimension");
      card.appendChild(el("h3", "", dimension.name));
      if (dimension.group) { card.appendChild(el("p", "group", dimension.group)); }
      if (dimension.description) { card.appendChild(el("p", "description", dimension.description)); }
      card.appendChild(levelRow(dimension, "current", "Now"));
      card.appendChild(el("p", "anchor", anchorText(dimension, dimension.current)));
      card.appendChild(levelRow(dimension, "target", "Target"));
      card.appendChild(el("p", "anchor", anchorText(dimension, dimension.target)));
      var details = el("details");
      details.appendChild(el("summary", "", "What the levels mean"));
      var levels = el("ol");
      dimension.levels.forEach(function (text) { levels.appendChild(el("li", "", text || "\u2014")); });
      details.appendChild(levels);
      card.appendChild(details);
      list.appendChild(card);
    });
  }

  // ---------------------------------------------------------------- dot votes

  function renderVotes(votes) {
    $("dots-left").textContent = "You have " + votes.left + " of " + votes.budget +
      (votes.budget === 1 ? " dot" : " dots") + " left. Put them on the initiatives that matter most.";
    var list = $("initiative-list");
    list.textContent = "";
    votes.initiatives.forEach(function (initiative) {
      var item = el("li", "initiative");
      item.appendChild(el("span", "title", initiative.title || "Untitled initiative"));
      var less = el("button", "", "\u2212");
      less.type = "button";
      less.disabled = initiative.dots === 0;
      less.setAttribute("aria-label", "Take a dot back from " + (initiative.title || "this initiative"));
      less.addEventListener("click", function () {
        post("/api/votes", { initiative: initiative.id, dots: initiative.dots - 1 });
      });
      var more = el("button", "", "+");
      more.type = "button";
      more.disabled = votes.left === 0;
      more.dataset.initiative = String(initiative.id);
      more.setAttribute("aria-label", "Put a dot on " + (initiative.title || "this initiative"));
      more.addEventListener("click", function () {
        post("/api/votes", { initiative: initiative.id, dots: initiative.dots + 1 });
      });
      item.appendChild(less);
      item.appendChild(el("span", "count", initiative.dots));
      item.appendChild(more);
      list.appendChild(item);
    });
  }

  // ---------------------------------------------------------------- silent round

  function renderPoints(points) {
    var where = points.parking_lot ? "Your points go to the parking lot." :
      "Your points go to " + points.table + (points.question ? ": " + points.question : ".");
    $("points-where").textContent = where + " Nobody sees them until the facilitator reveals them.";
    $("point-text").maxLength = points.max_length;
    $("points-written").textContent = points.written === 0 ? "" :
      "You have written " + points.written + (points.written === 1 ? " point" : " points") + ".";
  }

  function addPoint() {
    var text = $("point-text").value.trim();
    if (!text) { say("Write your point first.", true); return; }
    $("point-add").disabled = true;
    post("/api/points", { text: text }).then(function (answer) {
      if (answer) { $("point-text").value = ""; say("Point added. It stays hidden until the facilitator reveals it."); }
    }).then(function () { $("point-add").disabled = false; });
  }

  // ---------------------------------------------------------------- poll

  function renderPoll(poll) {
    $("poll-question").textContent = poll.question;
    var options = $("poll-options");
    options.textContent = "";
    poll.options.forEach(function (option) {
      var button = el("button", "", option.text);
      button.type = "button";
      button.setAttribute("aria-pressed", poll.answer === option.id ? "true" : "false");
      button.addEventListener("click", function () {
        post("/api/poll", { poll: poll.id, option: option.id });
      });
      options.appendChild(button);
    });
  }

  // ---------------------------------------------------------------- results

  function levelSummary(stats) {
    if (stats.median === null) { return "no scores yet"; }
    var text = "median " + stats.median;
    if (stats.low !== stats.high) { text += ", from " + stats.low + " to " + stats.high; }
    return text;
  }

  function renderResults(results) {
    var body = $("results-body");
    body.textContent = "";
    if (results.scores) {
      body.appendChild(el("h3", "", "Capability scores"));
      results.scores.forEach(function (row) {
        var block = el("div", "result");
        block.appendChild(el("p", "", row.name));
        block.appendChild(el("p", "hint", "Now: " + levelSummary(row.current) +
          ". Target: " + levelSummary(row.target) + "."));
        body.appendChild(block);
      });
    }
    if (results.votes) {
      body.appendChild(el("h3", "", "Dots"));
      var most = results.votes.reduce(function (top, row) { return Math.max(top, row.dots); }, 1);
      results.votes.forEach(function (row) {
        var block = el("div", "result");
        block.appendChild(el("p", "", (row.title || "Untitled initiative") + ": " + row.dots));
        var meter = el("meter");
        meter.min = 0; meter.max = most; meter.value = row.dots;
        block.appendChild(meter);
        body.appendChild(block);
      });
      if (!results.votes.length) { body.appendChild(el("p", "hint", "No dots placed yet.")); }
    }
    if (results.poll) {
      body.appendChild(el("h3", "", results.poll.question));
      var total = results.poll.options.reduce(function (sum, row) { return sum + row.count; }, 0);
      results.poll.options.forEach(function (row) {
        var block = el("div", "result");
        block.appendChild(el("p", "", row.text + ": " + row.count));
        var meter = el("meter");
        meter.min = 0; meter.max = Math.max(total, 1); meter.value = row.count;
        block.appendChild(meter);
        body.appendChild(block);
      });
    }
    if (results.points) {
      body.appendChild(el("h3", "", results.points.parking_lot ? "Parking lot" : results.points.table));
      results.points.points.forEach(function (text) { body.appendChild(el("p", "point", text)); });
      if (!results.points.points.length) { body.appendChild(el("p", "hint", "No points revealed yet.")); }
    }
  }

  // ---------------------------------------------------------------- start

  function tick() {
    refresh();
    setTimeout(tick, document.hidden ? HIDDEN_POLL_MS : POLL_MS);
  }

  document.addEventListener("DOMContentLoaded", function () {
    $("join-form").addEventListener("submit", join);
    $("code").addEventListener("input", function () {
      if ($("code").value.trim().length === 6) { loadNames(); }
    });
    $("pick").addEventListener("change", function () {
      $("new-name-part").hidden = $("pick").value !== NEW_NAME;
      if ($("pick").value === NEW_NAME) { $("name").focus(); }
    });
    $("point-add").addEventListener("click", addPoint);
    document.addEventListener("visibilitychange", function () { if (!document.hidden) { refresh(); } });
    window.addEventListener("hashchange", function () {
      if (!token && codeFromAddress().length === 6) { $("code").value = codeFromAddress(); loadNames(); }
    });
    token = recall();
    if (token) { refresh(); } else { showJoin(); }
    setTimeout(tick, POLL_MS);
  });
}());
