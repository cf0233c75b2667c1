// Tries one way of getting a token, then another: Teams' getAuthToken(), then a popup when Teams cannot give one
// (consent not granted, an old client). The second way is asked only when the first fails, every time, because
// the first may work again later (consent granted in the popup).
import type { SignInMethod, TokenSource } from './types.ts';

export class FallbackTokenSource implements TokenSource {
  private readonly first: TokenSource;
  private readonly second: TokenSource;
  private used: TokenSource;
  constructor(first: TokenSource, second: TokenSource) {
    this.first = first;
    this.second = second;
    this.used = first;
  }

  get method(): SignInMethod {
    return this.used.method;
  }

  async getToken(opts: { forceRefresh?: boolean; interactive?: boolean } = {}): Promise<string> {
    try {
      const token = await this.first.getToken(opts);
      this.used = this.first;
      return token;
    } catch {
      const token = await this.second.getToken(opts);
      this.used = this.second;
      return token;
    }
  }
}
