// JNI helpers shared by the CPU and GPU glue: pin the engine's Java arrays for one call (GetPrimitiveArrayCritical:
// no copy on HotSpot; no other JNI call may happen while pinned), copy small arrays out.
#pragma once
#include <jni.h>
#include <vector>

/** Pins the N float[] of a float[][] (and releases them in reverse order). */
class OswPinnedInputs {
public:
    OswPinnedInputs(JNIEnv* env, jobjectArray inputs) : env_(env) {
        int n = env->GetArrayLength(inputs);
        arrays_.reserve(n);
        for (int k = 0; k < n; k++) {
            arrays_.push_back((jfloatArray) env->GetObjectArrayElement(inputs, k));
        }
        length_ = n == 0 ? 0 : env->GetArrayLength(arrays_[0]); // before pinning: no JNI calls while pinned
        for (int k = 0; k < n; k++) {
            const float* ptr = (const float*) env->GetPrimitiveArrayCritical(arrays_[k], NULL);
            if (ptr == NULL) { // out of memory: an OutOfMemoryError is pending for the caller
                break;
            }
            ptrs_.push_back(ptr);
        }
        ok_ = (int) ptrs_.size() == n;
    }
    ~OswPinnedInputs() {
        for (int k = (int) ptrs_.size() - 1; k >= 0; k--) {
            env_->ReleasePrimitiveArrayCritical(arrays_[k], (void*) ptrs_[k], JNI_ABORT);
        }
        for (jfloatArray a : arrays_) {
            env_->DeleteLocalRef(a);
        }
    }
    /** False if pinning failed (the JVM has an OutOfMemoryError pending): the caller must not run the kernel. */
    bool ok() const { return ok_; }
    const float* const* data() const { return ptrs_.data(); }
    int size() const { return (int) ptrs_.size(); }
    long length() const { return length_; }

private:
    JNIEnv* env_;
    std::vector<jfloatArray> arrays_;
    std::vector<const float*> ptrs_;
    long length_;
    bool ok_;
};

/** Pins one primitive array for writing (mode 0: copy back if the VM copied, which HotSpot does not). */
template <class T> class OswPinned {
public:
    OswPinned(JNIEnv* env, jarray a) : env_(env), a_(a), p_((T*) env->GetPrimitiveArrayCritical(a, NULL)) {}
    ~OswPinned() {
        if (p_ != NULL) {
            env_->ReleasePrimitiveArrayCritical(a_, p_, 0);
        }
    }
    bool ok() const { return p_ != NULL; }
    T* data() const { return p_; }

private:
    JNIEnv* env_;
    jarray a_;
    T* p_;
};

/** A small array copied out (weights, coefficients): read before any pinning. */
static inline std::vector<float> osw_floats(JNIEnv* env, jfloatArray a) {
    std::vector<float> v(env->GetArrayLength(a));
    env->GetFloatArrayRegion(a, 0, (jsize) v.size(), v.data());
    return v;
}

static inline std::vector<double> osw_doubles(JNIEnv* env, jdoubleArray a) {
    std::vector<double> v(env->GetArrayLength(a));
    env->GetDoubleArrayRegion(a, 0, (jsize) v.size(), v.data());
    return v;
}

