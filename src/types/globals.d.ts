/** The build's version (package version + build time), injected by esbuild. */
declare const __APP_VERSION__: string;
