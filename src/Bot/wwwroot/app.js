// Starts the official Web Chat widget against this host's Direct Line (or Azure's, when the server holds a secret).
// The conversation survives a page reload: its id and token are kept in sessionStorage and resumed.
(async function () {
  'use strict';

  const storageKey = 'marrowbot.session';
  const status = document.getElementById('status');

  // The page's Content-Security-Policy allows no inline style but the style elements carrying this nonce, which
  // Web Chat puts on the ones it inserts.
  const nonceMeta = document.querySelector('meta[name="csp-nonce"]');
  const nonce = nonceMeta ? nonceMeta.getAttribute('content') : undefined;

  // Web Chat 4.18 passes the nonce to its own styles but not to react-scroll-to-bottom, which creates its style
  // element itself; without the nonce that element is blocked and the transcript loses its scrolling styles. Style
  // elements created by script (only this origin's scripts may run) get the nonce; style markup injected into the
  // page does not, which is what the policy guards against.
  if (nonce) {
    const createElement = document.createElement.bind(document);
    document.createElement = function (tagName, options) {
      const element = createElement(tagName, options);
      if (String(tagName).toLowerCase() === 'style') {
        element.setAttribute('nonce', nonce);
      }

      return element;
    };
  }

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
        nonce: nonce,
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
