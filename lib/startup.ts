import { EnvError, env } from './env';

// A missing or malformed environment value stops start-up here with a message naming
// it, instead of failing on the first request.
try {
  env();
} catch (error) {
  if (error instanceof EnvError) {
    console.error(`\n${error.message}\n`);
    process.exit(1);
  }
  throw error;
}
