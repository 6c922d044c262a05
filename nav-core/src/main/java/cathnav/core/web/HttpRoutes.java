package cathnav.core.web;

import cathnav.core.service.ModelRequest;
import cathnav.core.service.NavigationControl;
import io.vertx.core.Vertx;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service's HTTP routes: the display page ({@code /}), {@code /health}, {@code /metrics} (Prometheus) and the
 * control API:
 *
 * <ul>
 *   <li>{@code POST /api/model} with {@code {"ct": FILE, "lv": FILE, "veins": [FILE...], "target": N}}: 200
 *       {@code {"model": NAME}}, 400 for a malformed request, 422 naming the file that did not load;
 *   <li>{@code POST /api/target} with {@code {"segment": N}}: 200, 400 when N is not 1..17 (0 clears);
 *   <li>{@code POST /api/registration/reset}: 200.
 * </ul>
 *
 * Errors answer {@code {"error": MESSAGE}}.
 */
public final class HttpRoutes {

  private static final Logger LOG = LoggerFactory.getLogger(HttpRoutes.class);
  /** Largest accepted request body, bytes. */
  public static final long MAX_BODY_BYTES = 64 * 1024;

  private HttpRoutes() {}

  public static Router create(Vertx vertx, NavigationControl control) {
    Router router = Router.router(vertx);
    router.route("/api/*").handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES));
    router.get("/health").handler(ctx -> json(ctx, 200, control.health()));
    router.get("/metrics").handler(ctx -> ctx.response()
        .putHeader("content-type", "text/plain; version=0.0.4; charset=utf-8")
        .end(control.scrapeMetrics()));
    router.post("/api/model").handler(ctx -> {
      ModelRequest request;
      try {
        request = ModelRequest.fromJson(body(ctx));
      } catch (IllegalArgumentException | DecodeException e) {
        error(ctx, 400, e.getMessage());
        return;
      }
      control.loadModel(request).onComplete(ar -> {
        if (ar.succeeded()) {
          json(ctx, 200, new JsonObject().put("model", ar.result()));
        } else {
          error(ctx, 422, ar.cause().getMessage());
        }
      });
    });
    router.post("/api/target").handler(ctx -> {
      try {
        Object s = body(ctx).getValue("segment");
        if (!(s instanceof Number n) || n.doubleValue() != n.intValue() || n.intValue() < 0 || n.intValue() > 17) {
          error(ctx, 400, "\"segment\" must be an AHA segment 1..17 (0 clears), got segment=" + s);
          return;
        }
        control.setTarget(n.intValue());
        json(ctx, 200, new JsonObject().put("target", n.intValue()));
      } catch (IllegalArgumentException | DecodeException e) {
        error(ctx, 400, e.getMessage());
      }
    });
    router.post("/api/registration/reset").handler(ctx -> {
      control.resetRegistration();
      json(ctx, 200, new JsonObject().put("reset", true));
    });
    router.route("/*").handler(StaticHandler.create("cathnav/webroot").setCachingEnabled(false));
    return router;
  }

  private static JsonObject body(RoutingContext ctx) {
    String text = ctx.body().asString();
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("request body must be a JSON object");
    }
    return new JsonObject(text);
  }

  private static void json(RoutingContext ctx, int status, JsonObject body) {
    ctx.response().setStatusCode(status).putHeader("content-type", "application/json").end(body.encode());
  }

  private static void error(RoutingContext ctx, int status, String message) {
    LOG.info("request refused, method={}, path={}, status={}, reason={}", ctx.request().method(),
        ctx.request().path(), status, message);
    json(ctx, status, new JsonObject().put("error", String.valueOf(message)));
  }
}
