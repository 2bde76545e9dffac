/**
 * `node --import ./test/support/otel-in-memory.ts …`: what a user's OpenTelemetry set-up does
 * (docs/monitoring.md), with the SDK's in-memory exporter instead of OTLP. The process keeps its
 * spans in memory and writes them as JSON to OTEL_SPANS_FILE when it exits, for the test to read.
 */
import { writeFileSync } from 'node:fs';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';

const exporter = new InMemorySpanExporter();
// register(): the global tracer provider, the W3C trace-context propagator and an
// AsyncLocalStorage context manager, as a user's SDK set-up does.
new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }).register();

process.once('exit', () => {
  const spans = exporter.getFinishedSpans().map((span) => ({
    name: span.name,
    kind: span.kind,
    traceId: span.spanContext().traceId,
    spanId: span.spanContext().spanId,
    parentSpanId: span.parentSpanContext?.spanId,
    status: span.status,
    attributes: span.attributes,
    events: span.events.map((event) => ({ name: event.name, attributes: event.attributes })),
  }));
  writeFileSync(process.env.OTEL_SPANS_FILE!, JSON.stringify(spans));
});
