#!/usr/bin/env node
// Calls the fraud service's two RPCs with @grpc/grpc-js, loading the one master copy of the contract
// (contracts/proto/fraud.proto) at run time: no generated code.
//
//   node fraud-client.js [--token TOKEN] HOST PORT          a demo: one CheckTransaction, then a BatchCheck of three
//   node fraud-client.js [--token TOKEN] HOST PORT CALLS    the calls in the file CALLS (or - for standard input)
//
// Only services may call the fraud service: every call carries "authorization: Bearer TOKEN" metadata,
// TOKEN being a token with the internal grant (shop:internal by default), from --token or else the
// FRAUD_TOKEN environment variable (which, unlike an argument, other users cannot see in ps). Against a
// shop that uses the launcher's development key pair, mint one with
//   java -jar launcher/target/vertx-shop.jar token --user payments --internal
// Without a token the service answers every call UNAUTHENTICATED; with a token lacking the grant,
// PERMISSION_DENIED.
//
// CALLS holds one call per line, run one after another:
//   {"rpc":"CheckTransaction","request":{"transaction_id":"t1","user_id":"u1","amount_cents":1200,
//    "merchant_id":"m1","country_code":"DE"}}
//   {"rpc":"BatchCheck","requests":[{...},{...}]}
// Every outcome is printed as one JSON line with the proto's field names:
//   {"rpc":"CheckTransaction","result":{"transaction_id":"t1","is_fraud":false,"risk_score":0,"reason_code":"NONE"}}
//   {"rpc":"CheckTransaction","error":{"code":3,"status":"INVALID_ARGUMENT","message":"..."}}
//   {"rpc":"BatchCheck","result":{...}}   one line per result of the stream, then
//   {"rpc":"BatchCheck","end":{"code":0,"status":"OK","results":3}}   or an "error" line
// The exit code is 0 when every call got an answer from the server (an error status is an answer),
// 1 when the server could not be reached or a call ran past its deadline, 2 for bad arguments or input.
'use strict';

const fs = require('fs');
const path = require('path');
const readline = require('readline');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');

const PROTO = process.env.FRAUD_PROTO || path.join(__dirname, '..', '..', 'contracts', 'proto', 'fraud.proto');
const DEADLINE_MS = Number(process.env.FRAUD_DEADLINE_MS || 10000);
const STATUS_NAMES = Object.fromEntries(Object.entries(grpc.status).map(([name, code]) => [code, name]));
const UNANSWERED = new Set([grpc.status.UNAVAILABLE, grpc.status.DEADLINE_EXCEEDED]);
// grpc-js decodes grpc-message with decodeURI, which leaves the escapes of the characters it reserves
// (# $ & + , / : ; = ? @) as they came. The gRPC spec lets a server escape any byte, and some do
// (Vert.x escapes all but letters, digits and "-._"), so "a, b" would reach the caller as "a%2C b".
const RESERVED_ESCAPES = /%(?:23|24|26|2B|2C|2F|3A|3B|3D|3F|40)/gi;

const DEMO_CALLS = [
  {
    rpc: 'CheckTransaction',
    request: { transaction_id: 'demo-1', user_id: 'demo-user', amount_cents: 2490, merchant_id: 'coffee-shop', country_code: 'DE' },
  },
  {
    rpc: 'BatchCheck',
    requests: [
      { transaction_id: 'demo-2', user_id: 'demo-user', amount_cents: 1250, merchant_id: 'coffee-shop', country_code: 'DE' },
      { transaction_id: 'demo-3', user_id: 'demo-user', amount_cents: 990000, merchant_id: 'coffee-shop', country_code: 'DE' },
      { transaction_id: '', user_id: 'demo-user', amount_cents: -1, merchant_id: 'coffee-shop', country_code: 'DE' },
    ],
  },
];

function usage(message) {
  process.stderr.write(`${message}\nusage: node fraud-client.js [--token TOKEN] HOST PORT [CALLS-FILE | -]\n`
    + '  TOKEN (or the FRAUD_TOKEN environment variable): a token with the internal grant, e.g. from\n'
    + '  java -jar launcher/target/vertx-shop.jar token --user payments --internal\n');
  process.exit(2);
}

// The positional arguments and the token: --token TOKEN (or --token=TOKEN) anywhere, else FRAUD_TOKEN.
function parseArguments(args) {
  const positional = [];
  let token = process.env.FRAUD_TOKEN;
  for (let i = 0; i < args.length; i += 1) {
    if (args[i] === '--token') {
      if (i + 1 >= args.length) {
        usage('--token needs a value');
      }
      token = args[i + 1];
      i += 1;
    } else if (args[i].startsWith('--token=')) {
      token = args[i].slice('--token='.length);
    } else {
      positional.push(args[i]);
    }
  }
  return { positional, token: token && token.trim() };
}

// The metadata every call carries: the service credential, when there is one.
function credential(token) {
  const metadata = new grpc.Metadata();
  if (token) {
    metadata.set('authorization', `Bearer ${token}`);
  }
  return metadata;
}

function print(line) {
  process.stdout.write(JSON.stringify(line) + '\n');
}

function result(message) {
  return {
    transaction_id: message.transaction_id,
    is_fraud: message.is_fraud,
    risk_score: message.risk_score,
    reason_code: message.reason_code,
  };
}

function failure(error) {
  const message = (error.details || '').replace(RESERVED_ESCAPES, (escape) => decodeURIComponent(escape));
  return { code: error.code, status: STATUS_NAMES[error.code] || String(error.code), message };
}

function deadline() {
  return new Date(Date.now() + DEADLINE_MS);
}

function checkTransaction(client, metadata, request) {
  return new Promise((resolve) => {
    client.CheckTransaction(request, metadata, { deadline: deadline() }, (error, response) => {
      if (error) {
        print({ rpc: 'CheckTransaction', error: failure(error) });
        resolve(!UNANSWERED.has(error.code));
      } else {
        print({ rpc: 'CheckTransaction', result: result(response) });
        resolve(true);
      }
    });
  });
}

function batchCheck(client, metadata, requests) {
  return new Promise((resolve) => {
    const call = client.BatchCheck(metadata, { deadline: deadline() });
    let results = 0;
    call.on('data', (response) => {
      results += 1;
      print({ rpc: 'BatchCheck', result: result(response) });
    });
    call.on('error', (error) => {
      print({ rpc: 'BatchCheck', error: failure(error) });
      resolve(!UNANSWERED.has(error.code));
    });
    call.on('status', (status) => {
      if (status.code === grpc.status.OK) {
        print({ rpc: 'BatchCheck', end: { code: status.code, status: 'OK', results } });
        resolve(true);
      }
    });
    // write() buffers when the stream is full; the promise chain waits for the answers anyway.
    for (const request of requests) {
      call.write(request);
    }
    call.end();
  });
}

async function readCalls(source) {
  const input = source === '-' ? process.stdin : fs.createReadStream(source);
  const calls = [];
  let lineNumber = 0;
  for await (const line of readline.createInterface({ input, crlfDelay: Infinity })) {
    lineNumber += 1;
    if (line.trim() === '') {
      continue;
    }
    let call;
    try {
      call = JSON.parse(line);
    } catch (e) {
      usage(`line ${lineNumber}: not JSON (${e.message})`);
    }
    if (call.rpc === 'CheckTransaction' && call.request && typeof call.request === 'object') {
      calls.push(call);
    } else if (call.rpc === 'BatchCheck' && Array.isArray(call.requests)) {
      calls.push(call);
    } else {
      usage(`line ${lineNumber}: expected {"rpc":"CheckTransaction","request":{...}} or {"rpc":"BatchCheck","requests":[...]}`);
    }
  }
  return calls;
}

async function main() {
  const { positional, token } = parseArguments(process.argv.slice(2));
  const [host, port, source] = positional;
  if (!host || !port || !/^\d+$/.test(port) || positional.length > 3) {
    usage('HOST and PORT are required');
  }
  if (!token) {
    process.stderr.write('no token (--token or FRAUD_TOKEN): the fraud service will answer UNAUTHENTICATED\n');
  }
  const metadata = credential(token);
  const definition = protoLoader.loadSync(PROTO, { keepCase: true, longs: String, enums: String, defaults: true });
  const { FraudDetection } = grpc.loadPackageDefinition(definition).fraud;
  const address = host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
  const client = new FraudDetection(address, grpc.credentials.createInsecure());
  const calls = source ? await readCalls(source) : DEMO_CALLS;
  let answered = true;
  for (const call of calls) {
    const ok = call.rpc === 'CheckTransaction'
      ? await checkTransaction(client, metadata, call.request)
      : await batchCheck(client, metadata, call.requests);
    answered = answered && ok;
  }
  client.close();
  process.exitCode = answered ? 0 : 1;
}

main().catch((error) => {
  process.stderr.write(`${error.stack || error}\n`);
  process.exit(2);
});
