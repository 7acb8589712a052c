import { html } from 'lit';
import { t } from '../i18n';
import { errorMessage } from '../model';
import { ModelView } from './base';

/** The login page. */
export class LoginView extends ModelView {
  static properties = { ...ModelView.properties, error: { state: true } };
  error = '';

  private async submit(e: SubmitEvent) {
    e.preventDefault();
    const form = new FormData(e.target as HTMLFormElement);
    try {
      await this.session.login(String(form.get('email')), String(form.get('password')));
      this.error = '';
    } catch (err) {
      this.error = errorMessage(err, this.lang);
    }
  }

  render() {
    const L = this.lang;
    return html`<h1>${t('logInTitle', L)}</h1>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''}
      <form class="card login" @submit=${(e: SubmitEvent) => void this.submit(e)}>
        <label>${t('email', L)} <input name="email" type="email" autocomplete="username" required dir="ltr" /></label>
        <label>${t('password', L)} <input name="password" type="password" autocomplete="current-password" required /></label>
        <button type="submit">${t('logIn', L)}</button>
      </form>`;
  }
}

customElements.define('plenary-login-view', LoginView);
