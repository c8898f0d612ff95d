/** Draws the completion card (rally name, date, stamps) on a canvas, 1080×1350 (portrait, share-friendly). */
export interface CompletionCardData {
  title: string
  rallyName: string
  dateText: string
  stampsText: string
  checkpoints: Array<{ name: string; stamped: boolean; date?: string }>
  code?: string
  codeLabel?: string
  appName: string
}

export const CARD_WIDTH = 1080
export const CARD_HEIGHT = 1350

function wrap(ctx: CanvasRenderingContext2D, text: string, maxWidth: number): string[] {
  const lines: string[] = []
  let line = ''
  for (const ch of [...text]) {
    if (ctx.measureText(line + ch).width > maxWidth && line) {
      lines.push(line)
      line = ch
    } else line += ch
  }
  if (line) lines.push(line)
  return lines
}

export function drawCompletionCard(canvas: HTMLCanvasElement, data: CompletionCardData): void {
  canvas.width = CARD_WIDTH
  canvas.height = CARD_HEIGHT
  const ctx = canvas.getContext('2d')
  if (!ctx) return
  const font = (size: number, weight = 400) => `${weight} ${size}px "IPAGothic", "Hiragino Sans", "Noto Sans JP", "Yu Gothic", sans-serif`
  const primary = '#0b5d59'
  ctx.fillStyle = '#fbfaf7'
  ctx.fillRect(0, 0, CARD_WIDTH, CARD_HEIGHT)
  ctx.fillStyle = primary
  ctx.fillRect(0, 0, CARD_WIDTH, 260)
  ctx.fillStyle = '#ffffff'
  ctx.textAlign = 'center'
  ctx.font = font(40, 700)
  ctx.fillText(data.appName, CARD_WIDTH / 2, 90)
  ctx.font = font(96, 700)
  ctx.fillText(data.title, CARD_WIDTH / 2, 210)

  ctx.fillStyle = '#1d1d1b'
  ctx.font = font(60, 700)
  let y = 360
  for (const line of wrap(ctx, data.rallyName, CARD_WIDTH - 120).slice(0, 3)) {
    ctx.fillText(line, CARD_WIDTH / 2, y)
    y += 76
  }
  ctx.font = font(40)
  ctx.fillStyle = '#55534e'
  ctx.fillText(`${data.dateText} ・ ${data.stampsText}`, CARD_WIDTH / 2, y + 10)
  y += 70

  // Stamps: a grid of circles, a filled seal with a check for each collected one.
  const cols = Math.min(4, Math.max(1, data.checkpoints.length))
  const cell = (CARD_WIDTH - 120) / cols
  const radius = Math.min(100, cell / 2 - 24)
  const maxRows = Math.max(1, Math.floor((CARD_HEIGHT - y - 200) / (radius * 2 + 100)))
  // Centre the stamp grid in the space between the heading and the code.
  const usedRows = Math.min(maxRows, Math.ceil(data.checkpoints.length / cols))
  y += Math.max(0, (CARD_HEIGHT - y - 200 - usedRows * (radius * 2 + 100)) / 2)
  data.checkpoints.slice(0, maxRows * cols).forEach((cp, i) => {
    const row = Math.floor(i / cols)
    const inRow = Math.min(cols, data.checkpoints.length - row * cols)
    const x = (CARD_WIDTH - inRow * cell) / 2 + cell * (i % cols) + cell / 2
    const cy = y + radius + 30 + row * (radius * 2 + 100)
    ctx.beginPath()
    ctx.arc(x, cy, radius, 0, Math.PI * 2)
    ctx.lineWidth = 8
    ctx.strokeStyle = cp.stamped ? '#b3261e' : '#d9d5cc'
    ctx.stroke()
    if (cp.stamped) {
      ctx.fillStyle = 'rgba(179, 38, 30, 0.12)'
      ctx.fill()
      ctx.fillStyle = '#b3261e'
      ctx.font = font(radius, 700)
      ctx.fillText('✓', x, cy + radius / 3)
    }
    ctx.fillStyle = '#1d1d1b'
    ctx.font = font(26)
    const label = wrap(ctx, cp.name, cell - 16)
    ctx.fillText(label.length > 1 ? `${label[0]!.slice(0, -1)}…` : (label[0] ?? ''), x, cy + radius + 42)
    if (cp.date) {
      ctx.fillStyle = '#55534e'
      ctx.font = font(22)
      ctx.fillText(cp.date, x, cy + radius + 72)
    }
  })

  if (data.code) {
    ctx.fillStyle = '#55534e'
    ctx.font = font(30)
    if (data.codeLabel) ctx.fillText(data.codeLabel, CARD_WIDTH / 2, CARD_HEIGHT - 140)
    ctx.fillStyle = primary
    ctx.font = font(64, 700)
    ctx.fillText(data.code, CARD_WIDTH / 2, CARD_HEIGHT - 70)
  }
}
