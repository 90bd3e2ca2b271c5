// The staff dashboard's charts (ADR 0030). Served by the bot at /staff/assets/dashboard.js, after Chart.js
// (/lib/chart.umd.min.js, from npm at build time). It reads the figures from the JSON API named by the page
// (data-source) and draws four bar charts; the page already holds the same figures as text and tables, so
// nothing is lost without it. No inline script or style: the console's Content-Security-Policy allows neither.
(function () {
  'use strict';

  var root = document.getElementById('dashboard');
  var status = document.getElementById('dashboard-status');
  if (!root) {
    return;
  }

  function fail() {
    root.setAttribute('data-charts', 'failed');
    if (status) {
      status.textContent = 'The charts could not be drawn; the figures are in the tables below.';
    }
  }

  if (typeof window.Chart !== 'function') {
    fail();
    return;
  }

  // Colours with enough contrast against white; the tiers darken as they rise.
  var colours = {
    conversations: '#0b5cad',
    answers: '#1b7f3b', clarifications: '#b35c00', declines: '#a4161a',
    none: '#7a8590', routine: '#0b5cad', urgent: '#b35c00', emergency: '#a4161a',
    positive: '#1b7f3b', negative: '#a4161a'
  };

  function series(label, colour, values) {
    return { label: label, data: values, backgroundColor: colour, borderColor: colour, borderWidth: 1 };
  }

  function draw(id, labels, datasets, stacked) {
    var canvas = document.getElementById(id);
    if (!canvas) {
      return;
    }

    new window.Chart(canvas, {
      type: 'bar',
      data: { labels: labels, datasets: datasets },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        plugins: { legend: { display: datasets.length > 1, position: 'bottom' } },
        scales: {
          x: { stacked: stacked, ticks: { autoSkip: true, maxRotation: 0 } },
          y: { stacked: stacked, beginAtZero: true, ticks: { precision: 0 } }
        }
      }
    });
    canvas.setAttribute('data-drawn', 'true');
  }

  function render(data) {
    var days = data.days;
    var labels = days.map(function (d) { return d.day.slice(5); });
    function pick(f) { return days.map(f); }

    draw('chart-conversations', labels, [series('Conversations', colours.conversations, pick(function (d) { return d.conversations; }))], false);
    draw('chart-replies', labels, [
      series('Answers', colours.answers, pick(function (d) { return d.answers; })),
      series('Clarifying questions', colours.clarifications, pick(function (d) { return d.clarifications; })),
      series('Declines', colours.declines, pick(function (d) { return d.declines; }))
    ], true);
    draw('chart-tiers', labels, [
      series('None', colours.none, pick(function (d) { return d.tiers.none; })),
      series('Routine', colours.routine, pick(function (d) { return d.tiers.routine; })),
      series('Urgent', colours.urgent, pick(function (d) { return d.tiers.urgent; })),
      series('Emergency', colours.emergency, pick(function (d) { return d.tiers.emergency; }))
    ], true);
    draw('chart-feedback', labels, [
      series('Positive', colours.positive, pick(function (d) { return d.feedback.positive; })),
      series('Negative', colours.negative, pick(function (d) { return d.feedback.negative; }))
    ], true);
    root.setAttribute('data-charts', 'drawn');
  }

  fetch(root.getAttribute('data-source'), { credentials: 'same-origin', headers: { Accept: 'application/json' } })
    .then(function (response) {
      if (!response.ok) {
        throw new Error('HTTP ' + response.status);
      }

      return response.json();
    })
    .then(render)
    .catch(fail);
}());
