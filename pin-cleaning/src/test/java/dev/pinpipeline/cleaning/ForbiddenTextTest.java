package dev.pinpipeline.cleaning;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The UTF-8 check agrees with the JDK's strict decoder (Unicode's well-formed byte sequences). */
class ForbiddenTextTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "41", "C2A0", "E282AC", "F09F9880", "EFBFBF", "F48FBFBF", "ED9FBF", "EE8080"})
    void wellFormedSequencesAreUtf8(String hex) {
        assertThat(ForbiddenText.isUtf8(HexFormat.of().parseHex(hex))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "80",
                "C3",
                "C0AF",
                "C1BF",
                "E080AF",
                "EDA080",
                "EDBFBF",
                "F08FBFBF",
                "F4908080",
                "F5808080",
                "FF",
                "E282",
                "F09F98",
                "C341",
                "E28241"
            })
    void surrogatesOverlongAndTruncatedSequencesAreNot(String hex) {
        assertThat(ForbiddenText.isUtf8(HexFormat.of().parseHex(hex))).isFalse();
    }

    @Test
    void agreesWithTheJdksStrictDecoderOnRandomBytes() {
        Random random = new Random(20261206);
        for (int i = 0; i < 200_000; i++) {
            byte[] bytes = new byte[random.nextInt(24)];
            for (int k = 0; k < bytes.length; k++) {
                // mostly the bytes that start or continue a sequence, so that valid ones occur too
                bytes[k] = (byte) (random.nextInt(3) == 0 ? random.nextInt(128) : 0x80 + random.nextInt(0x78));
            }
            assertThat(ForbiddenText.isUtf8(bytes))
                    .as(HexFormat.of().formatHex(bytes))
                    .isEqualTo(jdkDecodes(bytes));
        }
    }

    private static boolean jdkDecodes(byte[] bytes) {
        try {
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException notUtf8) {
            return false;
        }
    }
}
