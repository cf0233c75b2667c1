// @donatello/web: what every DonatelloAI web surface shares (web/README.md documents each export). The Teams tab
// and the Office add-in import only from here, so nothing is written twice.

// The REST API
export { ApiClient, newIdempotencyKey, queryString } from './api/client.ts';
export type {
  ApiClientOptions,
  ApiResponse,
  DownloadedFile,
  GenerationScope,
  RequestOptions,
} from './api/client.ts';
export { ApiProblem, isProblem, parseRetryAfter, problemFrom } from './api/problem.ts';
export type { ApiProblemCode, FieldError, SafetyFinding } from './api/problem.ts';

// Hosts and sign-in
export { InteractionRequiredError } from './host/types.ts';
export type {
  DevSignInControl,
  DevUser,
  HostCandidate,
  HostKind,
  HostSession,
  HostTheme,
  ShareableLink,
  SignInMethod,
  ThemeName,
  TokenSource,
} from './host/types.ts';
export { connectHost } from './host/connect.ts';
export { browserHost, type BrowserHostOptions } from './host/browser.ts';
export { DevSignIn, DEV_USER_KEY, DEFAULT_DEV_USER } from './host/dev-sign-in.ts';
export { MsalTokenSource } from './host/msal-token-source.ts';
export type {
  MsalAccount,
  MsalClient,
  MsalFactory,
  MsalResult,
  MsalSettings,
} from './host/msal-token-source.ts';
export { FallbackTokenSource } from './host/fallback-token-source.ts';
export { loadMsal, tokenByRedirect } from './host/msal.ts';
export { teamsHost, teamsTheme, teamsTokens, TEAMS_INIT_TIMEOUT_MS } from './host/teams.ts';
export type { TeamsContext, TeamsHostOptions, TeamsSdk } from './host/teams.ts';
export { loadTeamsSdk } from './host/teams-sdk.ts';
export type { OfficeHostCandidate, OfficeSdk } from './host/office.ts';
export { stillFresh, tokenExpiry } from './host/jwt.ts';
export { AuthProvider, useAuth, useSignedIn } from './auth/AuthProvider.tsx';
export type {
  AuthContextValue,
  AuthProviderProps,
  AuthState,
  Connection,
  SignedIn,
} from './auth/AuthProvider.tsx';
export { SignInGate } from './auth/SignInGate.tsx';
export { DevUserSwitcher } from './auth/DevUserSwitcher.tsx';
export { startWebSession, type WebSessionOptions } from './auth/session.ts';
export { SessionTheme } from './auth/SessionTheme.tsx';

// Theme and navigation
export { ThemeRoot, useTheme, THEME_KEY, type ThemeChoice, type ThemeState } from './theme/ThemeRoot.tsx';
export { createHashHistory, createMemoryHistory, parseLocation } from './router/history.ts';
export type { AppHistory, AppLocation } from './router/history.ts';
export {
  RouterProvider,
  RouteLink,
  matchPath,
  useHistory,
  useLocation,
  useNavigate,
} from './router/Router.tsx';

// Components
export { ProblemBar, problemText, type ProblemText } from './components/ProblemBar.tsx';
export { BudgetMeter, meterLevel, type MeterLevel } from './components/BudgetMeter.tsx';
export { ImageTile, type ImageTileProps } from './components/ImageTile.tsx';
export {
  AuthedImage,
  ImageCacheProvider,
  useAuthedImage,
  type ImageState,
} from './components/AuthedImage.tsx';
export { ImageCache, type ImageLease } from './components/image-cache.ts';

// Creating images
export { PromptForm, PROMPT_MAX, type PromptFormProps } from './create/PromptForm.tsx';
export { QuotePanel, type QuotePanelProps } from './create/QuotePanel.tsx';
export { GenerationStatus } from './create/GenerationStatus.tsx';
export { useQuote, QUOTE_DEBOUNCE_MS, type QuoteState } from './create/useQuote.ts';
export { useGeneration, generationProblem, START_WAIT_SECONDS } from './create/useGeneration.ts';
export { useCreateForm, savedDraft } from './create/useCreateForm.ts';
export type { GenerationPhase, GenerationState, PollTimings } from './create/useGeneration.ts';
export {
  EMPTY_DRAFT,
  alternatives,
  canServe,
  draftFrom,
  micros,
  stylesFor,
  toRequest,
} from './create/draft.ts';
export type { Alternative, PromptDraft } from './create/draft.ts';

// Formatting and files
export {
  describeFinding,
  formatAud,
  formatDate,
  formatDateTime,
  formatPercent,
  roleLabel,
  SIZE_LABELS,
} from './format.ts';
export { copyText, saveFile } from './files.ts';
