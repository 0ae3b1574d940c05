// Point 2 of issue 14: every page of app.json loads as the demo persona police in the production build.
const { describePages } = require('./harness/page-matrix')

describePages('police')
