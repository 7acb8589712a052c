import { LitElement } from 'lit';
import { ModelChangeEvent, type NegotiationModel, type Session } from '../model';
import type { Lang } from '../i18n';

/**
 * A view over the session and (for the negotiation's views) the negotiation model: it renders into the light
 * DOM (the global stylesheet applies) and again whenever either model changes.
 */
export class ModelView extends LitElement {
  static properties = {
    session: { attribute: false },
    model: { attribute: false },
  };

  session!: Session;
  model!: NegotiationModel;
  private readonly rerender = () => this.requestUpdate();
  private subscribed: EventTarget[] = [];

  get lang(): Lang {
    return this.session?.lang ?? 'en';
  }

  createRenderRoot() {
    return this;
  }

  protected willUpdate(changed: Map<string, unknown>) {
    if (changed.has('session') || changed.has('model')) this.subscribe();
  }

  connectedCallback() {
    super.connectedCallback();
    this.subscribe();
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    for (const t of this.subscribed) t.removeEventListener(ModelChangeEvent.type, this.rerender);
    this.subscribed = [];
  }

  private subscribe() {
    for (const t of this.subscribed) t.removeEventListener(ModelChangeEvent.type, this.rerender);
    this.subscribed = [this.session, this.model].filter((x): x is Session & NegotiationModel => x !== undefined);
    for (const t of this.subscribed) t.addEventListener(ModelChangeEvent.type, this.rerender);
  }
}
