// Sign-in for everyone: Clerk's own sign-in component when the server has CLERK_PUBLISHABLE_KEY, the offline dev
// issuer in development, or a pasted session token. Then /api/auth/sync-user, and on to the role's pages (a first
// sign-in chooses its role at /onboarding/role).
"use strict";
(() => {
  const { api, setToken, token, show, $ } = Interviewly;
  const { home, safeNext, loadClerk, CLERK_KEY } = Candidate;
  const next = new URLSearchParams(location.search).get("next");

  async function finish(email, fullName) {
    const body = {};
    if (email) body.email = email;
    if (fullName) body.full_name = fullName;
    const me = await api("/api/auth/sync-user", { method: "POST", body });
    document.body.dataset.signedIn = me.role || "no-role";
    const target = home(me);
    // `next` only within the role's own pages (a candidate is never sent to a recruiter page, nor the reverse)
    location.replace(me.role && next && safeNext(next, target).startsWith(target) ? safeNext(next, target) : target);
  }

  // already signed in (the installed app opens here): straight on
  if (token()) {
    api("/api/auth/me").then(() => finish()).catch(() => localStorage.removeItem("interviewly.token"));
  }

  const clerkBox = $("#clerk-sign-in");
  if (clerkBox) {
    const key = clerkBox.dataset.publishableKey;
    loadClerk(key).then(async (clerk) => {
      const signedIn = async () => {
        setToken(await clerk.session.getToken());
        localStorage.setItem(CLERK_KEY, key);
        const u = clerk.user;
        await finish(u && u.primaryEmailAddress ? u.primaryEmailAddress.emailAddress : null, u ? u.fullName : null);
      };
      if (clerk.session) return signedIn();
      clerkBox.replaceChildren();
      clerk.mountSignIn(clerkBox, { forceRedirectUrl: location.href, signUpForceRedirectUrl: location.href });
      clerk.addListener(({ session }) => { if (session) signedIn().catch((e) => show(e.message, "error")); });
    }).catch((e) => show("Clerk's sign-in could not load: " + e.message, "error"));
  }

  const dev = $("#dev-form");
  if (dev) dev.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const email = $("#dev-email").value.trim().toLowerCase();
    const name = $("#dev-name").value.trim();
    try {
      // the dev issuer signs whatever subject it is given: one per email address
      const r = await api("/api/auth/dev/token", { method: "POST", auth: false,
        body: { sub: "dev|" + email.replace(/[^A-Za-z0-9_.@:-]/g, "_"), email, name } });
      setToken(r.token);
      await finish(email, name);
    } catch (e) { show("Could not sign in: " + e.message, "error"); }
  });

  $("#token-form").addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const t = $("#token").value.trim();
    if (!t) return show("Paste a token first.", "error");
    setToken(t);
    try { await finish(); } catch (e) { localStorage.removeItem("interviewly.token"); show("That token was refused: " + e.message, "error"); }
  });
})();
