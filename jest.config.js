const { getJestProjectsAsync } = require('@nx/jest');

// One jest run over every project: `npm test` uses it to get a single pass/fail count.
module.exports = async () => ({
  projects: await getJestProjectsAsync(),
});
