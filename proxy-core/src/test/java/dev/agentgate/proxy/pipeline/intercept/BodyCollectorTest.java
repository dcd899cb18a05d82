package dev.agentgate.proxy.pipeline.intercept;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.HttpContent;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BodyCollectorTest {
  private final PooledByteBufAllocator alloc = PooledByteBufAllocator.DEFAULT;

  private HttpContent piece(String text, boolean last) {
    ByteBuf b = alloc.buffer().writeBytes(text.getBytes(StandardCharsets.UTF_8));
    return last ? new DefaultLastHttpContent(b) : new DefaultHttpContent(b);
  }

  @Test
  void gathersPiecesUntilTheLast() {
    BodyCollector body = new BodyCollector(alloc, 100);
    HttpContent a = piece("{\"a\":", false);
    HttpContent b = piece("1}", true);

    assertThat(body.add(a)).isTrue();
    assertThat(body.complete()).isFalse();
    assertThat(body.add(b)).isTrue();

    assertThat(body.complete()).isTrue();
    assertThat(new String(body.takeBytes(), StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}");
    assertThat(a.refCnt()).as("released once taken").isZero();
    assertThat(b.refCnt()).isZero();
  }

  @Test
  void passingTheLimitStopsIt() {
    BodyCollector body = new BodyCollector(alloc, 4);

    assertThat(body.add(piece("abc", false))).isTrue();
    assertThat(body.add(piece("de", false))).isFalse();

    assertThat(body.overflowed()).isTrue();
    ByteBuf gathered = body.takeBuffer();
    assertThat(gathered.toString(StandardCharsets.UTF_8)).isEqualTo("abcde");
    gathered.release();
    body.release();
  }

  @Test
  void releaseFreesWhatIsHeld() {
    BodyCollector body = new BodyCollector(alloc, 100);
    HttpContent a = piece("abc", false);
    ByteBuf bytes = a.content();
    body.add(new DefaultHttpContent(Unpooled.EMPTY_BUFFER));
    body.add(a);

    body.release();

    assertThat(bytes.refCnt()).isZero();
    assertThat(body.size()).isZero();
  }
}
