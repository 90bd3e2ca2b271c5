// Starts the official Web Chat widget against this host's Direct Line (or Azure's, when the server holds a secret).
// The conversation survives a page reload: its id and token are kept in sessionStorage and resumed.
(async function () {
  'use strict';

  const storageKey = 'marrowbot.session';
  const status = document.getElementById('status');

  function load() {
    try {
      return JSON.parse(sessionStorage.getItem(storageKey) || 'null');
    } catch {
      return null;
    }
  }

  function save(conversationId, token) {
    sessionStorage.setItem(storageKey, JSON.stringify({ conversationId, token }));
  }

  function showProblem() {
    const emergency = document.querySelector('.emergency strong').textContent;
    status.textContent = "Sorry, the chat can't start right now. Please try again in a moment. " + emergency;
    status.hidden = false;
  }

  try {
    const saved = load();
    const response = await fetch('/api/webchat/token', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(saved || {})
    });
    if (!response.ok) {
      throw new Error('token request failed with ' + response.status);
    }

    const session = await response.json();
    save(session.conversationId, session.token);

    const directLine = window.WebChat.createDirectLine({
      domain: session.domain,
      token: session.token,
      conversationId: session.resumed ? session.conversationId : undefined,
      webSocket: true
    });

    // Keep the refreshed token so that a reload later on can still resume.
    setInterval(function () {
      if (directLine.token) {
        save(session.conversationId, directLine.token);
      }
    }, 60000);

    window.WebChat.renderWebChat(
      {
        directLine: directLine,
        userID: session.userId,
        username: 'You',
        locale: 'en-GB',
        styleOptions: {
          accent: '#0b5f6b',
          botAvatarInitials: 'MB',
          botAvatarBackgroundColor: '#0b5f6b',
          userAvatarInitials: 'You',
          userAvatarBackgroundColor: '#4a4a4a',
          bubbleBorderRadius: 10,
          bubbleFromUserBorderRadius: 10,
          bubbleFromUserBackground: '#e6f2f3',
          suggestedActionLayout: 'flow',
          suggestedActionBorderRadius: 16,
          sendBoxButtonColor: '#0b5f6b',
          hideUploadButton: false
        }
      },
      document.getElementById('webchat')
    );

    const input = document.querySelector('#webchat [data-id="webchat-sendbox-input"], #webchat input[type="text"], #webchat textarea');
    if (input) {
      input.focus();
    }
  } catch (error) {
    showProblem();
  }
})();
