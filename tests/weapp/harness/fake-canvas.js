// WeChat's Canvas 2D node as a selector query hands it out. The simulator has no canvas, so the node records the
// drawing calls made on its 2d context: a test can see that a finger's strokes were inked, not what they look like.
class FakeContext2D {
  constructor() {
    this.calls = []
    this.lineWidth = 1
    this.strokeStyle = '#000'
    this.lineCap = 'butt'
    this.lineJoin = 'miter'
  }
}
for (const name of ['clearRect', 'fillRect', 'beginPath', 'closePath', 'moveTo', 'lineTo', 'stroke', 'fill', 'scale', 'save', 'restore', 'arc', 'quadraticCurveTo', 'bezierCurveTo', 'setTransform', 'translate', 'fillText', 'drawImage']) {
  FakeContext2D.prototype[name] = function record(...args) { this.calls.push([name, ...args]) }
}

class FakeCanvasNode {
  constructor(width, height) {
    this.width = width
    this.height = height
    this.context = new FakeContext2D()
  }

  getContext(kind) {
    if (kind !== '2d') throw new Error(`FakeCanvasNode: only 2d, not ${kind}`)
    return this.context
  }

  /** The polylines stroked so far: each beginPath … stroke as its list of [x, y]. */
  strokes() {
    const lines = []
    let current = null
    for (const [name, ...args] of this.context.calls) {
      if (name === 'beginPath') current = []
      else if ((name === 'moveTo' || name === 'lineTo') && current) current.push(args)
      else if (name === 'stroke' && current) lines.push(current)
      else if (name === 'clearRect') lines.length = 0
    }
    return lines
  }
}

module.exports = { FakeCanvasNode }
