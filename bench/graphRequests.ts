/**
 * `npm run bench:graph`: Microsoft Graph round trips per operation (see support/countGraphRequests.ts), also part
 * of `npm run bench`. Exits non-zero when a step costs more than its fewest.
 */
import './support/quietDeprecations';
import { countGraphRequests, printGraphCounts } from './support/countGraphRequests';

countGraphRequests()
  .then((rows) => {
    process.exitCode = printGraphCounts(rows) ? 1 : 0;
  })
  .catch((e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  });
