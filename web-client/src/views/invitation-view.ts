import { html, nothing } from 'lit';
import { api } from '../api';
import { tr } from '../i18n';
import { errorMessage } from '../model';
import { ModelView } from './base';

/**
 * The page a one-time invitation (or a password reset) links to, #/invitation/{token}: the invitee chooses a
 * password, no login needed; then logs in. The token stays in the URL's fragment, which the browser never sends.
 */
export class InvitationView extends ModelView {
  static properties = { ...ModelView.properties, token: { type: String }, error: { state: true }, done: { state: true },
    busy: { state: true } };
  token = '';
  error = '';
  done = false;
  busy = false;

  private async submit(e: SubmitEvent) {
    e.preventDefault();
    const form = new FormData(e.target as HTMLFormElement);
    const password = String(form.get('password') ?? '');
    if (password !== String(form.get('repeat') ?? '')) {
      this.error = tr('passwordsDiffer', this.lang);
      return;
    }
    this.busy = true;
    try {
      await api.acceptInvitation(this.token, password);
      this.error = '';
      this.done = true;
    } catch (err) {
      this.error = errorMessage(err, this.lang);
    } finally {
      this.busy = false;
    }
  }

  render() {
    const L = this.lang;
    return html`<h1>${tr('invitationTitle', L)}</h1>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      ${this.done ? html`<p class="card invitation-done" role="status">${tr('passwordSet', L)} <a href="#/">${tr('toLogin', L)}</a></p>`
        : html`<p>${tr('invitationIntro', L)}</p>
          <form class="card invitation" @submit=${(e: SubmitEvent) => void this.submit(e)}>
            <label>${tr('newPassword', L)} <input name="password" type="password" required minlength="10" maxlength="1024"
              autocomplete="new-password" /></label>
            <label>${tr('repeatPassword', L)} <input name="repeat" type="password" required minlength="10" maxlength="1024"
              autocomplete="new-password" /></label>
            <button type="submit" ?disabled=${this.busy}>${tr('setPassword', L)}</button>
          </form>`}`;
  }
}

customElements.define('plenary-invitation-view', InvitationView);
