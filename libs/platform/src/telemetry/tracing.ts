import { context, propagation, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  AlwaysOffSampler,
  BatchSpanProcessor,
  InMemorySpanExporter,
  ParentBasedSampler,
  ReadableSpan,
  SimpleSpanProcessor,
  SpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { NextFunction, Request, Response } from 'express';

let memory: InMemorySpanExporter | null = null;
let started = false;

/**
 * Starts tracing once per process. Spans go to an OTLP collector when
 * OTEL_EXPORTER_OTLP_ENDPOINT is set, and are kept in memory when
 * TRACE_IN_MEMORY=1 (tests read them back).
 */
export function initTelemetry(env: NodeJS.ProcessEnv = process.env): void {
  if (started) return;
  started = true;

  const processors: SpanProcessor[] = [];
  if (env.OTEL_EXPORTER_OTLP_ENDPOINT) {
    processors.push(new BatchSpanProcessor(new OTLPTraceExporter()));
  }
  if (env.TRACE_IN_MEMORY === '1') {
    memory = new InMemorySpanExporter();
    processors.push(new SimpleSpanProcessor(memory));
  }

  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({
      'service.name': env.OTEL_SERVICE_NAME ?? 'lianzhi',
    }),
    spanProcessors: processors,
    // With nowhere to send spans, recording them is waste: the trace ids
    // still flow (non-recording spans carry them), nothing is kept.
    ...(processors.length === 0
      ? { sampler: new ParentBasedSampler({ root: new AlwaysOffSampler() }) }
      : {}),
  });
  // Registers the W3C trace-context propagator and the async context manager
  // even when no exporter is configured, so trace ids still flow.
  provider.register();
}

/** Spans finished so far in this process (TRACE_IN_MEMORY=1 only). */
export function finishedSpans(): ReadableSpan[] {
  return memory?.getFinishedSpans() ?? [];
}

/** One SERVER span per HTTP request, continuing the caller's trace. */
export function tracingMiddleware(serviceName: string) {
  const tracer = trace.getTracer(serviceName);
  return (req: Request, res: Response, next: NextFunction): void => {
    const parent = propagation.extract(context.active(), req.headers);
    const span = tracer.startSpan(
      `${req.method} ${req.path}`,
      {
        kind: SpanKind.SERVER,
        attributes: { 'http.request.method': req.method, 'url.path': req.path, 'lianzhi.service': serviceName },
      },
      parent,
    );
    res.setHeader('traceparent', `00-${span.spanContext().traceId}-${span.spanContext().spanId}-01`);
    res.on('finish', () => {
      span.setAttribute('http.response.status_code', res.statusCode);
      if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    });
    context.with(trace.setSpan(parent, span), next);
  };
}

/** Runs `work` in a child span of the active context. */
export async function inSpan<T>(
  serviceName: string,
  name: string,
  kind: SpanKind,
  attributes: Record<string, string | number>,
  work: () => Promise<T>,
): Promise<T> {
  return trace.getTracer(serviceName).startActiveSpan(
    name,
    { kind, attributes: { ...attributes, 'lianzhi.service': serviceName } },
    async (span) => {
      try {
        return await work();
      } catch (error) {
        span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
        throw error;
      } finally {
        span.end();
      }
    },
  );
}
