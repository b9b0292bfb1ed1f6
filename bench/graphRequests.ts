/**
 * `npm run bench:graph`: Microsoft Graph round trips per operation (see support/countGraphRequests.ts), also part
 * of `npm run bench`. Exits non-zero when a step costs more than its fewest.
 */
import './support/quietDeprecations';
import { countGraphRequests, printGraphCounts, quietFeatures } from './support/countGraphRequests';

countGraphRequests()
  .then((rows) => {
    const over = printGraphCounts(rows);
    const quiet = quietFeatures(rows);
    console.log(`${quiet.ok ? 'met   ' : 'MISSED'} ${quiet.text}`);
    process.exitCode = over || !quiet.ok ? 1 : 0;
  })
  .catch((e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  });
