/** Debian's Chromium through playwright-core (never a downloaded browser), with the project's arguments. */
import { type Browser, chromium } from 'playwright-core';

export async function launchChromium(): Promise<Browser> {
  const config = (await import(new URL('../../../../../web-test-runner.config.mjs', import.meta.url).href)) as {
    chromiumArgs: string[];
  };
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: config.chromiumArgs,
  });
}
