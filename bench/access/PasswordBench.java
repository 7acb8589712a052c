import java.util.Arrays;
import org.plenary.access.Passwords;

/**
 * How long a login's password check takes at the configured work factor, for a known email and for an
 * unknown one (the server verifies against a decoy hash, so the two should cost the same).
 * Run by run.sh; bounded: 2 × 15 verifications.
 */
public class PasswordBench {
  public static void main(String[] args) {
    int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 210_000;
    int rounds = 15;
    Passwords p = new Passwords(iterations);
    String stored = p.hash("a-long-password-1");
    for (int i = 0; i < 3; i++) {
      p.verify("warm-up", stored);
    }
    long[] known = new long[rounds];
    long[] unknown = new long[rounds];
    for (int i = 0; i < rounds; i++) {
      long t0 = System.nanoTime();
      p.verify("wrong-password", stored);
      known[i] = System.nanoTime() - t0;
      t0 = System.nanoTime();
      p.verify("wrong-password", null);
      unknown[i] = System.nanoTime() - t0;
    }
    System.out.printf("PBKDF2-HMAC-SHA256 %d iterations, %d rounds each:%n", iterations, rounds);
    System.out.printf("  known email, wrong password:   median %.1f ms%n", median(known));
    System.out.printf("  unknown email (decoy hash):    median %.1f ms%n", median(unknown));
  }

  private static double median(long[] ns) {
    long[] s = ns.clone();
    Arrays.sort(s);
    return s[s.length / 2] / 1e6;
  }
}
