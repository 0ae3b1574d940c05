import { TEST_RUN_ENV } from './global-setup'
import { dropSchemas, leftoverSchemas } from './pg-schemas'

/** Each test file drops its schemas when it ends; this catches what a crashed or timed-out file left behind. */
export default async function globalTeardown() {
  if (process.env[TEST_RUN_ENV]) await dropSchemas(await leftoverSchemas())
}
