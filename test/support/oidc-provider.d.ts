// oidc-provider ships no types; the tests use it as a real identity provider only
declare module 'oidc-provider';
