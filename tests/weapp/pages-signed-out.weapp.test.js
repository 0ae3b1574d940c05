// Point 2 of issue 14: every page of app.json loads signed out in the production build.
const { describePages } = require('./harness/page-matrix')

describePages(null)
