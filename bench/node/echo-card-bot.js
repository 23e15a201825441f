// The benchmark's peer: a bot on the official Bot Framework SDK for Node (npm `botbuilder`), written the way the
// SDK's samples write one, answering the two Teams activities PartnerHub's scenarios (a) and (b) send:
//   - a message            -> a reply through the Connector (activity.serviceUrl) carrying an Adaptive Card
//   - adaptiveCard/action  -> the card in the invoke response body
// The card is PartnerHub's help card already expanded (CARD_PATH, written by the benchmark from PartnerHub's own
// answer; help.card.da.json beside this file otherwise), so both bots move the same bytes.
//
// CloudAdapter + ConfigurationBotFrameworkAuthentication with no MicrosoftAppId: authentication is disabled, so it
// accepts unsigned local traffic and replies without a token, like PartnerHub's Development Playground mode.
// It listens on 127.0.0.1 only. Usage: PORT=3979 CARD_PATH=card.json node echo-card-bot.js
'use strict';

const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');
const {
  ActivityHandler,
  CardFactory,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  MessageFactory,
} = require('botbuilder');

const port = Number(process.env.PORT || 3979);
const cardPath = process.env.CARD_PATH || path.join(__dirname, 'help.card.da.json');
const card = JSON.parse(fs.readFileSync(cardPath, 'utf8'));
const maxBodyBytes = 256 * 1024;

class EchoCardBot extends ActivityHandler {
  constructor() {
    super();
    this.onMessage(async (context, next) => {
      // A fresh copy per reply, as a bot that renders per request would have (and as PartnerHub does).
      const reply = MessageFactory.attachment(CardFactory.adaptiveCard(structuredClone(card)));
      await context.sendActivity(reply);
      await next();
    });
  }

  async onAdaptiveCardInvoke(_context, invokeValue) {
    if (!invokeValue || !invokeValue.action || invokeValue.action.type !== 'Action.Execute') {
      return { statusCode: 400, type: 'application/vnd.microsoft.error', value: { code: 'badRequest', message: 'Action.Execute expected' } };
    }
    return { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: structuredClone(card) };
  }
}

const auth = new ConfigurationBotFrameworkAuthentication({}); // no MicrosoftAppId: unauthenticated, local only
const adapter = new CloudAdapter(auth);
adapter.onTurnError = async (context, error) => {
  console.error(`[peer] turn error: ${error && error.message}`);
  try {
    await context.sendActivity('The bot encountered an error.');
  } catch {
    // The Connector is gone too: nothing else to tell.
  }
};
const bot = new EchoCardBot();

// Node's own http server with the small request/response surface CloudAdapter.process reads (restify and express
// offer the same): a parsed JSON body, status(), header(), send(), end().
function shimResponse(res) {
  return {
    socket: res.socket,
    status(code) { res.statusCode = code; return this; },
    header(name, value) { res.setHeader(name, value); return this; },
    send(body) {
      if (body === undefined || body === null) return this;
      if (typeof body === 'string' || Buffer.isBuffer(body)) {
        res.write(body);
      } else {
        res.setHeader('Content-Type', 'application/json; charset=utf-8');
        res.write(JSON.stringify(body));
      }
      return this;
    },
    end() { if (!res.writableEnded) res.end(); return this; },
  };
}

const server = http.createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/health') {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end('{"status":"ok"}');
    return;
  }
  if (req.method !== 'POST' || req.url !== '/api/messages') {
    res.writeHead(404);
    res.end();
    return;
  }
  const chunks = [];
  let size = 0;
  req.on('data', (chunk) => {
    size += chunk.length;
    if (size > maxBodyBytes) {
      res.writeHead(413);
      res.end();
      req.destroy();
      return;
    }
    chunks.push(chunk);
  });
  req.on('end', async () => {
    if (res.writableEnded) return;
    let body;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      res.writeHead(400);
      res.end();
      return;
    }
    try {
      await adapter.process({ body, headers: req.headers, method: req.method }, shimResponse(res), (context) => bot.run(context));
    } catch (error) {
      console.error(`[peer] ${error && error.message}`);
      if (!res.writableEnded) {
        res.statusCode = 500;
        res.end();
      }
    }
  });
});

server.keepAliveTimeout = 30_000;
server.listen(port, '127.0.0.1', () => {
  console.log(`[peer] botbuilder ${require('botbuilder/package.json').version} on node ${process.version} listening on http://127.0.0.1:${port}/api/messages`);
});

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
