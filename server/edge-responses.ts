import type { Request, Response } from 'express'

/**
 * Answers the server gives before the app runs (a body too large, a body that is not a form):
 * a short page for browsers, one line of text for other clients. Never a stack trace. The messages
 * are our own constants, so nothing here needs escaping.
 */
export function sendEdgeError(
	req: Request,
	res: Response,
	status: number,
	message: { title: string; detail: string },
): void {
	if (res.headersSent) return
	res.status(status)
	const wantsHtml = (req.headers.accept ?? '').includes('text/html')
	if (!wantsHtml) {
		res.type('text/plain').send(`${message.title}: ${message.detail}\n`)
		return
	}
	res.type('text/html').send(`<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${message.title} | PeerPower</title></head>
<body>
<main>
<h1>${message.title}</h1>
<p>${message.detail}</p>
<p>Use your browser’s Back button to return to the form, or go to <a href="/">PeerPower’s home page</a>.</p>
</main>
</body>
</html>
`)
}
